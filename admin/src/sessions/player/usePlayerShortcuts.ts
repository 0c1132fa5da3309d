import { useEffect } from 'react';
import type { PlayerController } from './playerController';

export const SEEK_STEP_MS = 5_000;

/** Where a key already means something (typing, pressing a button, moving another slider). */
const OWN_KEYS =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="listbox"], [role="menu"], [role="menuitem"], [role="option"], [role="slider"], [role="spinbutton"], [role="tab"]';
/** Space activates these; taking it would press the button and toggle playback at once. */
const SPACE_KEYS =
  'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="radio"], [role="link"]';

function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(OWN_KEYS)) return true;
  return key === ' ' && target.closest(SPACE_KEYS) !== null;
}

/**
 * Space plays/pauses, ←/→ seek 5 s, anywhere on the page except where the key already has a job
 * (inputs, buttons for Space, other sliders, open menus), and never with a modifier held.
 */
export function usePlayerShortcuts(controller: PlayerController, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.repeat && e.key === ' ') return;
      if (e.key !== ' ' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      if (ownsKey(e.target, e.key)) return;
      e.preventDefault();
      if (e.key === ' ') void controller.toggle().catch(() => undefined);
      else void controller.skip(e.key === 'ArrowLeft' ? -SEEK_STEP_MS : SEEK_STEP_MS);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller, enabled]);
}
