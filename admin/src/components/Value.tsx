import { Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Plain text inside react-admin's <Labeled>, which drops its label for bare DOM children. */
export const Value = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" component="span">
    {children}
  </Typography>
);
