import { Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import type { ReactNode } from 'react';

/** The frame every dashboard widget shares: a titled card with its own loading state. */
export const Widget = ({
  id,
  title,
  icon,
  action,
  loading,
  children,
}: {
  id: string;
  title: string;
  icon?: ReactNode;
  action?: ReactNode;
  loading?: boolean;
  children?: ReactNode;
}) => (
  <Card component="section" aria-labelledby={`${id}-title`} sx={{ height: '100%' }}>
    <CardHeader
      avatar={icon}
      title={title}
      action={action}
      slotProps={{ title: { id: `${id}-title`, component: 'h2', variant: 'subtitle1', fontWeight: 600 } }}
      sx={{ pb: 0 }}
    />
    <CardContent>{loading ? <Skeleton variant="rectangular" height={64} /> : children}</CardContent>
  </Card>
);
