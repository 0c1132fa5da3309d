import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A titled chart; screen readers get the caption and a one-line summary. */
export const ChartFigure = ({
  id,
  title,
  summary,
  empty,
  children,
}: {
  id: string;
  title: string;
  summary?: string;
  empty: boolean;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Box
          component="figure"
          m={0}
          role="figure"
          aria-labelledby={`${id}-caption`}
          aria-describedby={summary ? `${id}-summary` : undefined}
          data-chart={id}
        >
          <Typography id={`${id}-caption`} component="figcaption" variant="subtitle1" fontWeight={600}>
            {title}
          </Typography>
          {summary ? (
            <Typography id={`${id}-summary`} variant="caption" color="text.secondary" component="p">
              {summary}
            </Typography>
          ) : null}
          {empty ? (
            <Typography variant="body2" color="text.secondary" py={6} textAlign="center">
              {translate('mina.slo.no_data')}
            </Typography>
          ) : (
            <Box height={260} mt={1}>
              {children}
            </Box>
          )}
        </Box>
      </CardContent>
    </Card>
  );
};
