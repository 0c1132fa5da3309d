/*
 * The console's display preference: a theme (light, dark, high contrast) and large text. What the
 * user picked in the theme menu is remembered in localStorage (outside react-admin's store, which
 * is reset on sign-out); what they have not picked follows the browser: `prefers-contrast: more`
 * → high contrast, else `prefers-color-scheme: dark` → dark. Pure functions here; the hook that
 * reads the browser is useDisplay.ts.
 */
export const THEME_NAMES = ['light', 'dark', 'high-contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/** What the user chose; an absent theme means "follow the system". */
export interface DisplayChoice {
  theme?: ThemeName;
  largeText?: boolean;
}

export interface SystemDisplay {
  prefersDark: boolean;
  prefersMoreContrast: boolean;
}

export interface Display {
  theme: ThemeName;
  largeText: boolean;
  /** True when the theme comes from the browser's preferences, not from a choice. */
  followsSystem: boolean;
}

export const DISPLAY_STORAGE_KEY = 'mina.display';

/** Reads a stored choice; anything malformed or unknown is dropped (follow the system). */
export function parseDisplayChoice(raw: string | null | undefined): DisplayChoice {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const { theme, largeText } = value as Record<string, unknown>;
  const choice: DisplayChoice = {};
  if (typeof theme === 'string' && (THEME_NAMES as readonly string[]).includes(theme))
    choice.theme = theme as ThemeName;
  if (typeof largeText === 'boolean') choice.largeText = largeText;
  return choice;
}

export function resolveDisplay(choice: DisplayChoice, system: SystemDisplay): Display {
  const systemTheme: ThemeName = system.prefersMoreContrast
    ? 'high-contrast'
    : system.prefersDark
      ? 'dark'
      : 'light';
  return {
    theme: choice.theme ?? systemTheme,
    largeText: choice.largeText ?? false,
    followsSystem: choice.theme === undefined,
  };
}
