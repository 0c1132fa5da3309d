import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { KeyboardRow } from '../keyboard/KeyboardRow';

const shared: RaThemeOptions = {
  components: {
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

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: { ...defaultLightTheme.palette, primary: { main: '#3949ab' }, secondary: { main: '#283593' } },
  components: { ...defaultLightTheme.components, ...shared.components },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  palette: { ...defaultDarkTheme.palette, primary: { main: '#9fa8da' }, secondary: { main: '#7986cb' } },
  components: { ...defaultDarkTheme.components, ...shared.components },
};
