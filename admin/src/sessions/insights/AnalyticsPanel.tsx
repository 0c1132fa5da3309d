import {
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { lazy, Suspense } from 'react';
import { useTranslate } from 'react-admin';
import { formatNumber, formatPercent } from '../../format/numbers';
import { formatSpan } from '../../format/time';
import type { Analytics, StageInfo } from '../../types';
import { StagePlaceholder } from './StagePlaceholder';

const TalkTimeChart = lazy(() => import('./TalkTimeChart'));

function labelOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as { label?: unknown; name?: unknown; topic?: unknown };
  const label = v.label ?? v.name ?? v.topic;
  return label === undefined ? JSON.stringify(value) : String(label);
}

/** Analytics fields whose shape the API leaves open: show numbers, words and labels plainly. */
const Loose = ({ value }: { value: unknown }) => {
  if (value === null || value === undefined) return <>–</>;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  if (typeof value === 'string') return <>{value}</>;
  if (Array.isArray(value)) {
    return (
      <Box display="flex" gap={0.5} flexWrap="wrap" component="span">
        {value.slice(0, 12).map((v, i) => (
          <Chip key={i} size="small" label={labelOf(v)} />
        ))}
      </Box>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v !== 'object');
    return (
      <>
        {entries.map(([k, v]) => `${k}: ${typeof v === 'number' ? formatNumber(v) : String(v)}`).join(' · ')}
      </>
    );
  }
  return <>{String(value)}</>;
};

const Stat = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Grid size={{ xs: 6, sm: 3 }}>
    <Typography variant="caption" color="text.secondary" component="p">
      {label}
    </Typography>
    <Typography variant="body1" component="div">
      {children}
    </Typography>
  </Grid>
);

export const AnalyticsPanel = ({
  analytics,
  stage,
  speakerName,
  colorOf,
}: {
  analytics: Analytics | null | undefined;
  stage: StageInfo;
  speakerName: (speaker: string) => string;
  /** The speakers panel's colour for a speaker as analytics names them; else the chart picks its own. */
  colorOf?: (speaker: string) => string;
}) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-labelledby="analytics-title">
      <CardContent>
        <Typography id="analytics-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.insights.analytics')}
        </Typography>
        {!analytics ? (
          <StagePlaceholder stage="analytics" state={stage} />
        ) : (
          <>
            <Grid container spacing={2} mb={2}>
              <Stat label={translate('mina.insights.wpm')}>{formatNumber(analytics.wordsPerMinute, 0)}</Stat>
              <Stat label={translate('mina.insights.turns')}>{formatNumber(analytics.turns, 0)}</Stat>
              <Stat label={translate('mina.insights.sentiment')}>
                <Loose value={analytics.sentiment} />
              </Stat>
              <Stat label={translate('mina.insights.engagement')}>
                <Loose value={analytics.engagement} />
              </Stat>
            </Grid>
            {analytics.topics ? (
              <Box mb={2}>
                <Typography variant="caption" color="text.secondary" component="p">
                  {translate('mina.insights.topics')}
                </Typography>
                <Loose value={analytics.topics} />
              </Box>
            ) : null}
            <Box component="figure" m={0} role="figure" aria-label={translate('mina.insights.talk_time')}>
              <Typography component="figcaption" variant="subtitle1" fontWeight={600}>
                {translate('mina.insights.talk_time')}
              </Typography>
              {analytics.talkTime?.length ? (
                <>
                  <Suspense fallback={<Skeleton variant="rectangular" height={160} />}>
                    <TalkTimeChart talkTime={analytics.talkTime} label={speakerName} colorOf={colorOf} />
                  </Suspense>
                  <Table size="small" aria-label={translate('mina.insights.talk_time_table')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate('mina.insights.speaker')}</TableCell>
                        <TableCell align="right">{translate('mina.insights.talk')}</TableCell>
                        <TableCell align="right">{translate('mina.insights.share')}</TableCell>
                        <TableCell align="right">{translate('mina.insights.words')}</TableCell>
                        <TableCell align="right">{translate('mina.insights.turns')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {analytics.talkTime.map((t) => (
                        <TableRow key={t.speaker}>
                          <TableCell>{speakerName(t.speaker)}</TableCell>
                          <TableCell align="right">{formatSpan(t.talkMs)}</TableCell>
                          <TableCell align="right">{formatPercent(t.share, 0)}</TableCell>
                          <TableCell align="right">{t.words}</TableCell>
                          <TableCell align="right">{t.turns}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {translate('mina.insights.none')}
                </Typography>
              )}
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
};
