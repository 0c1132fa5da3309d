import type { Theme } from '@mui/material';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { KeyboardRow } from '../keyboard/KeyboardRow';
import type { Display } from './display';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Theme options merged key by key (functions and arrays are replaced, not merged). */
function deepmerge<T extends object>(base: T, extra: object): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepmerge(current, value) : value;
  }
  return out as T;
}

/** Every progress indicator gets a name (axe: aria-progressbar-name). */
const withLoadingLabel = (loadingLabel: string): RaThemeOptions => ({
  components: {
    MuiCircularProgress: { defaultProps: { 'aria-label': loadingLabel } },
    MuiLinearProgress: { defaultProps: { 'aria-label': loadingLabel } },
  },
});

interface CheckboxOwnerState {
  'aria-label'?: string;
  inputProps?: Record<string, unknown>;
}

const shared: RaThemeOptions = {
  components: {
    // react-admin's row checkboxes pass aria-label to the Checkbox, which MUI puts on its <span>:
    // name the <input> instead (axe: label, aria-prohibited-attr).
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: { 'aria-label': undefined },
          input: (ownerState: CheckboxOwnerState) => ({
            ...ownerState.inputProps,
            ...(ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] } : {}),
          }),
        },
      },
    },
    // Helper text and labels of disabled fields stay readable (4.5:1).
    MuiFormHelperText: {
      styleOverrides: {
        root: ({ theme }: { theme: Theme }) => ({
          '&.Mui-disabled': { color: theme.palette.text.secondary },
        }),
      },
    },
    MuiFormLabel: {
      styleOverrides: {
        root: ({ theme }: { theme: Theme }) => ({
          '&.Mui-disabled': { color: theme.palette.text.secondary },
        }),
      },
    },
    // Visible focus for keyboard users on every clickable surface.
    MuiButtonBase: {
      styleOverrides: {
        root: {
          '&.Mui-focusVisible': { outline: '2px solid currentColor', outlineOffset: 2 },
        },
      },
    },
    // Clickable table rows reachable with Tab and opened with Enter (react-admin reads the
    // body's props under this name; its typings spell it without the prefix, hence the cast).
    ...({ RaDataTableBody: { defaultProps: { row: KeyboardRow } } } as RaThemeOptions['components']),
  },
};

/* Status colours are darker than MUI's defaults so white chip text and coloured button text reach 4.5:1. */
export const lightTheme: RaThemeOptions = deepmerge(defaultLightTheme, {
  palette: {
    primary: { main: '#3949ab' },
    secondary: { main: '#283593' },
    info: { main: '#0277bd' },
    warning: { main: '#b45309' },
    error: { main: '#b71c1c' },
    success: { main: '#1b5e20' },
  },
  ...shared,
});

export const darkTheme: RaThemeOptions = deepmerge(defaultDarkTheme, {
  palette: {
    // primary.dark is the hover colour of contained buttons: kept light enough for 4.5:1 with dark text.
    primary: { main: '#9fa8da', dark: '#7986cb' },
    secondary: { main: '#7986cb' },
    error: { main: '#ef9a9a' },
  },
  ...shared,
});

const BLACK = '#000000';
const WHITE = '#ffffff';

/**
 * High contrast: black on white, every colour at least 7:1 on white, borders on surfaces, chips and
 * buttons, thick focus outlines and underlined links.
 */
export const highContrastTheme: RaThemeOptions = deepmerge(defaultLightTheme, {
  palette: {
    mode: 'light',
    contrastThreshold: 7,
    primary: { main: '#0000b3', contrastText: WHITE },
    secondary: { main: '#5c2d91', contrastText: WHITE },
    info: { main: '#004c8c', contrastText: WHITE },
    warning: { main: '#7a3e00', contrastText: WHITE },
    error: { main: '#7f0000', contrastText: WHITE },
    success: { main: '#004d00', contrastText: WHITE },
    text: { primary: BLACK, secondary: '#1a1a1a', disabled: '#4d4d4d' },
    divider: BLACK,
    background: { default: WHITE, paper: WHITE },
    action: {
      active: BLACK,
      disabled: '#4d4d4d',
      hover: 'rgba(0, 0, 0, 0.12)',
      selected: 'rgba(0, 0, 180, 0.16)',
    },
  },
  components: {
    MuiButtonBase: {
      styleOverrides: {
        root: {
          '&.Mui-focusVisible': {
            outline: `3px solid ${BLACK}`,
            outlineOffset: 2,
            boxShadow: `0 0 0 5px ${WHITE}`,
          },
        },
      },
    },
    MuiAppBar: {
      styleOverrides: { root: { backgroundColor: BLACK, color: WHITE, borderBottom: `2px solid ${WHITE}` } },
    },
    MuiPaper: { styleOverrides: { root: { border: `1px solid ${BLACK}` } } },
    MuiChip: { styleOverrides: { root: { border: `1px solid ${BLACK}`, fontWeight: 600 } } },
    MuiButton: {
      styleOverrides: {
        root: { fontWeight: 700 },
        text: { textDecoration: 'underline' },
        outlined: { borderWidth: 2, '&:hover': { borderWidth: 2 } },
      },
    },
    MuiLink: { defaultProps: { underline: 'always' } },
    MuiTableCell: { styleOverrides: { root: { borderBottom: `1px solid ${BLACK}` } } },
    MuiDivider: { styleOverrides: { root: { borderColor: BLACK } } },
    MuiFilledInput: {
      styleOverrides: {
        root: { backgroundColor: WHITE, border: `1px solid ${BLACK}`, '&:hover': { backgroundColor: WHITE } },
      },
    },
    MuiOutlinedInput: { styleOverrides: { notchedOutline: { borderColor: BLACK, borderWidth: 2 } } },
    MuiTooltip: {
      styleOverrides: { tooltip: { backgroundColor: BLACK, color: WHITE, border: `1px solid ${WHITE}` } },
    },
  },
});

const THEMES = { light: lightTheme, dark: darkTheme, 'high-contrast': highContrastTheme } as const;

/** MUI's default base size; large text scales it, and all typography is in rem (follows the browser's font size). */
const BASE_FONT_SIZE = 14;
export const LARGE_TEXT_SCALE = 1.25;

/** The theme for a display preference; `loadingLabel` names progress indicators. */
export function themeFor(
  display: Pick<Display, 'theme' | 'largeText'>,
  loadingLabel: string,
): RaThemeOptions {
  const theme = deepmerge(THEMES[display.theme], withLoadingLabel(loadingLabel));
  if (!display.largeText) return theme;
  return deepmerge(theme, { typography: { fontSize: BASE_FONT_SIZE * LARGE_TEXT_SCALE } });
}
