import { Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import {
  Labeled,
  Link,
  ShowBase,
  Title,
  TopToolbar,
  useDataProvider,
  useLocation,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { ErrorState } from '../components/ErrorState';
import { showStates } from '../components/ShowStates';
import { StatusChip } from '../components/StatusChip';
import { Value } from '../components/Value';
import { formatSpan } from '../format/time';
import type { MinaDataProvider } from '../providers/dataProvider';
import { STAGES, type Session } from '../types';
import { FinalizeButton } from './FinalizeButton';
import { NotTranscribedNotice } from './NotTranscribed';
import { AnalyticsPanel } from './insights/AnalyticsPanel';
import { InsightTasks } from './insights/InsightTasks';
import { SummaryPanel } from './insights/SummaryPanel';
import { PipelineStages } from './PipelineStages';
import { isSessionActive } from './statuses';
import { Transcript, type TranscriptFocus } from './transcript/Transcript';
import { insightsKey, mergeStages, segmentsKey, useSessionLive } from './useSessionLive';

function initialFocus(search: string): number | null {
  const t = new URLSearchParams(search).get('t');
  const ms = t === null ? NaN : Number(t);
  return Number.isFinite(ms) ? ms : null;
}

const SessionHeader = ({ session }: { session: Session }) => {
  const translate = useTranslate();
  // What was recorded, not the wall clock from start to finalize (which may be days later).
  const duration = formatSpan(session.durationMs);
  return (
    <Card>
      <CardContent>
        <Stack direction="row" gap={1} alignItems="center" mb={1} flexWrap="wrap">
          <Typography component="h1" variant="h5">
            {session.title || translate('mina.sessions.untitled')}
          </Typography>
          <StatusChip value={session.status} />
        </Stack>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 2 }}>
            <Labeled label="resources.sessions.fields.language">
              <Value>{session.language ?? '–'}</Value>
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled label="resources.sessions.fields.startedAt">
              <DateTimeText value={session.startedAt} />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled label="resources.sessions.fields.endedAt">
              <DateTimeText value={session.endedAt} />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 2 }}>
            <Labeled label="resources.sessions.fields.duration">
              <Value>{duration}</Value>
            </Labeled>
          </Grid>
          <Grid size={{ xs: 12, md: 2 }}>
            <Labeled label="resources.sessions.fields.meetingId">
              {session.meetingId ? (
                <Link to={`/meetings/${encodeURIComponent(session.meetingId)}/show`}>
                  {translate('mina.sessions.open_meeting')}
                </Link>
              ) : (
                <Value>–</Value>
              )}
            </Labeled>
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
};

const SessionDetails = () => {
  const { record: session } = useShowContext<Session>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const location = useLocation();
  const [focus, setFocus] = useState<TranscriptFocus | null>(() => {
    const ms = initialFocus(location.search);
    return ms === null ? null : { ms, at: Date.now() };
  });
  const id = session ? String(session.id) : undefined;

  const insights = useQuery({
    queryKey: insightsKey(id ?? ''),
    queryFn: () => dataProvider.getInsights(id!),
    enabled: Boolean(id),
  });
  const segments = useQuery({
    queryKey: segmentsKey(id ?? ''),
    queryFn: () => dataProvider.getSegments(id!),
    enabled: Boolean(id),
  });

  const pipelineBusy = STAGES.some((stage) =>
    ['pending', 'running'].includes(insights.data?.stages?.[stage]?.status ?? 'ready'),
  );
  const follow =
    Boolean(session) && session?.status !== 'error' && (isSessionActive(session?.status) || pipelineBusy);
  const live = useSessionLive(id, follow);

  const stages = useMemo(
    () => mergeStages(insights.data?.stages, live.stageOverrides, insights.dataUpdatedAt),
    [insights.data, insights.dataUpdatedAt, live.stageOverrides],
  );
  const speakerName = useCallback(
    (speaker: string) => session?.speakerNames?.[speaker] || speaker,
    [session?.speakerNames],
  );
  const seek = useCallback((ms: number) => setFocus({ ms, at: Date.now() }), []);

  if (!session) return null;
  const transcriptSegments = segments.data ?? (segments.isError ? insights.data?.transcript : undefined);

  return (
    <>
      <Title title={session.title || undefined} />
      <TopToolbar>
        <FinalizeButton />
      </TopToolbar>
      <Stack gap={2}>
        <SessionHeader session={session} />
        <NotTranscribedNotice session={session} />
        <PipelineStages stages={stages} live={live} />
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 7 }}>
            <Transcript
              segments={transcriptSegments}
              interims={live.interims}
              speakerNames={session.speakerNames}
              focus={focus}
              isPending={segments.isPending}
              error={transcriptSegments ? undefined : segments.error}
              onRetry={() => void segments.refetch()}
              emptyText={session.transcription ? translate('mina.transcription.chip') : undefined}
            />
          </Grid>
          <Grid size={{ xs: 12, lg: 5 }}>
            <Stack gap={2}>
              {insights.isError ? (
                <Card>
                  <CardContent>
                    <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
                  </CardContent>
                </Card>
              ) : null}
              <SummaryPanel summary={insights.data?.summary} stage={stages.summary} onSeek={seek} />
              <InsightTasks tasks={insights.data?.tasks} stage={stages.tasks} onSeek={seek} />
              <AnalyticsPanel
                analytics={insights.data?.analytics}
                stage={stages.analytics}
                speakerName={speakerName}
              />
            </Stack>
          </Grid>
        </Grid>
      </Stack>
    </>
  );
};

const SessionShow = () => (
  <ShowBase {...showStates}>
    <SessionDetails />
  </ShowBase>
);

export default SessionShow;
