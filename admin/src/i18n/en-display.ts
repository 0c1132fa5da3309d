/** The theme menu, large text, and names the accessibility work added (mina.display.*, mina.a11y.*). */
export const displayMessages = {
  display: {
    menu: 'Theme and text size',
    theme: 'Theme',
    system: 'Follow the system (%{theme})',
    light: 'Light',
    dark: 'Dark',
    'high-contrast': 'High contrast',
    large_text: 'Large text',
  },
  a11y: {
    user_menu: '%{name}, profile',
    loading: 'Loading',
  },
};
