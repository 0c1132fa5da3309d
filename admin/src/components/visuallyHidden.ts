import type { SxProps, Theme } from '@mui/material';

/** Read by screen readers, not shown. (MUI's `width: 1` would mean 100%, hence explicit px.) */
export const visuallyHidden: SxProps<Theme> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  p: 0,
  m: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
