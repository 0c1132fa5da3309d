/** Where typing goes: any key may be text. */
const TEXT_ENTRY =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="range"]), textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="searchbox"]';
/** Widgets with their own keys: arrows, letters for type-ahead. */
const WIDGETS =
  '[role="listbox"], [role="menu"], [role="menuitem"], [role="option"], [role="slider"], [role="spinbutton"], [role="tab"]';
/** Space and Enter activate these; taking them would press the control and run the shortcut at once. */
const ACTIVATING =
  'button, input, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="radio"], [role="link"]';

/** True when focus is in a text field (a shortcut with a modifier still leaves those alone: Option types characters on macOS). */
export function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TEXT_ENTRY) !== null;
}

/**
 * True when the focused element needs `key` for itself, so that a page shortcut must leave it
 * alone: any key in a text field or a widget with its own keys, Space/Enter on a button or link.
 */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (isTextEntry(target) || target.closest(WIDGETS)) return true;
  return (key === ' ' || key === 'Enter') && target.closest(ACTIVATING) !== null;
}

/** True inside an open dialog: its own buttons and Escape are what counts there. */
export function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

/** A key with Alt+Shift and no other modifier, compared by its physical key (Option changes `key` on macOS). */
export function isAltShift(e: KeyboardEvent, code: string): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === code;
}

/** A printable key typed alone (Shift allowed, since `?` `<` `>` need it on most layouts). */
export function isCharacterKey(e: KeyboardEvent, key: string): boolean {
  return e.key === key && !e.altKey && !e.ctrlKey && !e.metaKey;
}

/** The store key of the user's choice to turn single-character shortcuts off (WCAG 2.1.4). */
export const CHARACTER_KEYS_STORE = 'keyboard.characterKeys';
