import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

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
