import { Box, Button } from '@mui/material';
import { Suspense, type ReactNode } from 'react';
import { Loading, useTranslate } from 'react-admin';

export const CONTENT_ID = 'content';

/** Moves focus to the page's own content, past the app bar and the menu. */
export function focusContent(): void {
  document.getElementById(CONTENT_ID)?.focus();
}

/**
 * The layout's first focusable element: hidden until it has focus. A button, not an `href="#…"`
 * link, since the console routes on the URL's hash.
 */
export const SkipLink = () => {
  const translate = useTranslate();
  return (
    <Button
      variant="contained"
      onClick={focusContent}
      sx={{
        position: 'fixed',
        left: 16,
        top: -100,
        zIndex: 5000,
        '&:focus': { top: 16 },
      }}
    >
      {translate('mina.keyboard.skip')}
    </Button>
  );
};

/**
 * The content area the skip link leads to; focusable by script only. Its own Suspense keeps it
 * (and a focus inside it) in place while a lazy page loads.
 */
export const MainContent = ({ children }: { children: ReactNode }) => (
  <Box
    id={CONTENT_ID}
    tabIndex={-1}
    sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, '&:focus': { outline: 'none' } }}
  >
    <Suspense fallback={<Loading />}>{children}</Suspense>
  </Box>
);
