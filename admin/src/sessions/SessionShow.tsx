import { Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { AskAboutButton } from '../ask/AskAboutButton';
import { ExportMenu } from '../exports/ExportMenu';
import { SessionCopilot } from '../copilot/SessionCopilot';
import { FinalizeButton } from './FinalizeButton';
import { NotTranscribedNotice } from './NotTranscribed';
import { ContentDeletedNotice, useDeletedTranscriptText } from '../retention/ContentDeletedNotice';
import { LegalHoldPanel } from '../retention/LegalHoldPanel';
import { AnalyticsPanel } from './insights/AnalyticsPanel';
import { InsightTasks } from './insights/InsightTasks';
import { SummaryPanel } from './insights/SummaryPanel';
import { PipelineStages } from './PipelineStages';
import { AudioPlayer } from './player/AudioPlayer';
import { TranslationPanel } from '../translation/TranslationPanel';
import { PlayerController, usePlayer } from './player/playerController';
import { useAudioMetadata } from './player/useAudioMetadata';
import { SpeakersPanel } from './speakers/SpeakersPanel';
import { labelOf, segmentAtTime, speakerStats } from './speakers/speakerStats';
import { isSessionActive } from './statuses';
import { useSpeakerColors } from './transcript/speakerColors';
import { Transcript, type TranscriptFocus } from './transcript/Transcript';
import { insightsKey, mergeStages, segmentsKey, useSessionLive } from './useSessionLive';

function linkedMoment(search: string): number | null {
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
  // A link to a moment (?t=ms: search hits, tasks, Ask Mina's sources), also when only ?t changes.
  const linkedMs = linkedMoment(location.search);
  const [focus, setFocus] = useState<TranscriptFocus | null>(null);
  useEffect(() => {
    if (linkedMs !== null) setFocus({ ms: linkedMs, at: Date.now() });
  }, [linkedMs]);
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
  const transcriptSegments = segments.data ?? (segments.isError ? insights.data?.transcript : undefined);
  // One player per session page; a new session id gets a fresh one.
  const controller = useMemo(() => new PlayerController(), [id]);
  const audio = useAudioMetadata({
    id: id ?? '',
    status: session?.status ?? 'pending',
    source: session?.source,
    recording: session?.recording,
  });
  const hasAudio = Boolean(audio.data);
  // The player starts at the linked moment too, once its recording is loaded.
  useEffect(() => {
    if (linkedMs !== null) controller.startAt(linkedMs);
  }, [controller, linkedMs]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const stats = useMemo(
    () => speakerStats(transcriptSegments ?? [], session?.speakerNames),
    [transcriptSegments, session?.speakerNames],
  );
  const deletedText = useDeletedTranscriptText(session);
  const colorOf = useSpeakerColors((transcriptSegments ?? []).map(labelOf));
  const lanes = useMemo(
    () => stats.map((st) => ({ label: st.label, name: st.name, color: colorOf(st.label), spans: st.spans })),
    [stats, colorOf],
  );
  // Analytics names speakers by name (renamed on read) or label: both find the panel's colour.
  const colorOfSpeaker = useCallback(
    (speaker: string) =>
      colorOf(stats.find((st) => st.name === speaker || st.label === speaker)?.label ?? speaker),
    [stats, colorOf],
  );
  const activeId = usePlayer(controller, (p) =>
    p.currentMs > 0 || p.playing ? (segmentAtTime(transcriptSegments ?? [], p.currentMs)?.id ?? null) : null,
  );
  const playing = usePlayer(controller, (p) => p.playing);
  const seek = useCallback(
    (ms: number) => {
      setFocus({ ms, at: Date.now() });
      if (hasAudio) void controller.seek(ms);
    },
    [controller, hasAudio],
  );
  const playSegment = useCallback(
    (s: { startMs: number }) => void controller.playFrom(s.startMs).catch(() => undefined),
    [controller],
  );
  const toggleSpeaker = useCallback(
    (label: string) =>
      setHidden((old) => {
        const next = new Set(old);
        if (!next.delete(label)) next.add(label);
        return next;
      }),
    [],
  );

  if (!session) return null;

  return (
    <>
      <Title title={session.title || undefined} />
      <TopToolbar>
        <FinalizeButton />
        <AskAboutButton about="session" id={String(session.id)} />
        <ExportMenu resource="sessions" id={session.id} />
      </TopToolbar>
      <Stack gap={2}>
        <SessionHeader session={session} />
        <NotTranscribedNotice session={session} />
        <ContentDeletedNotice session={session} />
        <PipelineStages stages={stages} live={live} />
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 7 }}>
            <Stack gap={2}>
              <AudioPlayer session={session} controller={controller} lanes={lanes} />
              <Transcript
                segments={transcriptSegments}
                interims={live.interims}
                speakerNames={session.speakerNames}
                focus={focus}
                isPending={segments.isPending}
                error={transcriptSegments ? undefined : segments.error}
                onRetry={() => void segments.refetch()}
                emptyText={
                  deletedText ?? (session.transcription ? translate('mina.transcription.chip') : undefined)
                }
                activeId={activeId}
                following={playing}
                onPlaySegment={hasAudio ? playSegment : undefined}
                hiddenSpeakers={hidden}
              />
            </Stack>
          </Grid>
          <Grid size={{ xs: 12, lg: 5 }}>
            <Stack gap={2}>
              <SpeakersPanel
                session={session}
                stats={stats}
                colorOf={colorOf}
                hidden={hidden}
                onToggle={toggleSpeaker}
                onShowAll={() => setHidden(new Set())}
                insights={insights.data}
                onSeek={seek}
              />
              <LegalHoldPanel resource="sessions" record={session} />
              {insights.isError ? (
                <Card>
                  <CardContent>
                    <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
                  </CardContent>
                </Card>
              ) : null}
              <SummaryPanel summary={insights.data?.summary} stage={stages.summary} onSeek={seek} />
              <InsightTasks tasks={insights.data?.tasks} stage={stages.tasks} onSeek={seek} />
              <SessionCopilot sessionId={String(session.id)} version={`${stages.tasks.status}:${stages.summary.status}`} />
              <AnalyticsPanel
                analytics={insights.data?.analytics}
                stage={stages.analytics}
                speakerName={speakerName}
                colorOf={colorOfSpeaker}
              />
            </Stack>
          </Grid>
        </Grid>
        <TranslationPanel
          sessionId={session.id}
          segments={transcriptSegments}
          summary={insights.data?.summary}
          translatable={
            (session.status === 'completed' || session.status === 'error') &&
            (transcriptSegments?.length ?? 0) > 0
          }
        />
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
