import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export const EmptyState = ({
  icon,
  title,
  children,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
}) => (
  <Box role="status" textAlign="center" py={6} px={2} color="text.secondary">
    {icon ? <Box sx={{ '& svg': { fontSize: 64, opacity: 0.5 } }}>{icon}</Box> : null}
    <Typography variant="h6" component="p" gutterBottom>
      {title}
    </Typography>
    {children}
  </Box>
);
