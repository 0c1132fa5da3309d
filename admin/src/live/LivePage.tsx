import MicIcon from '@mui/icons-material/Mic';
import StopIcon from '@mui/icons-material/Stop';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Grid,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import {
  Link,
  Loading,
  Title,
  useCreatePath,
  useGetList,
  useLocation,
  useRequireAccess,
  useTranslate,
} from 'react-admin';
import { useAnnounce } from '../components/Announcer';
import { formatOffset } from '../format/time';
import { RECORD_KEY, STOP_KEY } from '../keyboard/shortcuts';
import { pipelineAnnouncement } from '../sessions/stageAnnouncements';
import type { Meeting } from '../types';
import { CopilotPanel } from '../copilot/CopilotPanel';
import { LiveTranscript } from './LiveTranscript';
import { liveStatus } from './liveStatus';
import { useRecordingShortcuts } from './useRecordingShortcuts';
import { useLiveSession, type LiveState } from './useLiveSession';

const LANGUAGES = ['', 'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'zh'];

const Elapsed = ({ since, running }: { since: number | null; running: boolean }) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return <span>{since ? formatOffset(Math.max(0, now - since)) : '0:00'}</span>;
};

/** The recognizer's state as the server reports it: audio is kept either way. */
const AsrNotice = ({ state }: { state: LiveState }) => {
  const translate = useTranslate();
  if (state.transcribed === false) {
    return (
      <Alert severity="warning" role="status">
        {translate('mina.live.not_transcribed')}
      </Alert>
    );
  }
  if (!state.asr || state.phase === 'idle') return null;
  if (!state.asr.configured) {
    return (
      <Alert severity="info" role="status">
        {translate('mina.live.asr_not_configured')}
      </Alert>
    );
  }
  if (state.asr.breaker === 'open') {
    return (
      <Alert severity="warning" role="status">
        {translate('mina.live.asr_unavailable')} {state.asr.message ?? ''}
      </Alert>
    );
  }
  return null;
};

const StatusPanel = ({ state }: { state: LiveState }) => {
  const translate = useTranslate();
  const s = state.stats;
  const status = liveStatus(state);
  return (
    <Card component="section" aria-labelledby="live-status-title">
      <CardContent>
        <Typography id="live-status-title" component="h2" variant="h6" gutterBottom>
          {translate('mina.live.status')}
        </Typography>
        <Stack direction="row" gap={1} flexWrap="wrap" mb={2} role="status" aria-live="polite">
          <Chip size="small" color={status.color} label={translate(status.key)} data-testid="live-status" />
        </Stack>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
        >
          <Typography component="dt" variant="body2" color="text.secondary">
            {translate('mina.live.elapsed')}
          </Typography>
          <Typography component="dd" variant="body2" m={0} sx={{ fontVariantNumeric: 'tabular-nums' }}>
            <Elapsed since={state.startedAt} running={state.phase === 'recording'} />
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {translate('mina.live.chunks')}
          </Typography>
          <Typography component="dd" variant="body2" m={0} data-testid="live-chunk-stats">
            {translate('mina.live.chunk_stats', {
              acked: s?.acked ?? 0,
              sent: s?.sent ?? 0,
              pending: s?.queued ?? 0,
            })}
            {s?.late ? (
              <Box component="span" display="block" color="warning.main" data-testid="live-late-chunks">
                {translate('mina.live.late_chunks', { late: s.late })}
              </Box>
            ) : null}
          </Typography>
          {state.sampleRate ? (
            <>
              <Typography component="dt" variant="body2" color="text.secondary">
                {translate('mina.live.format')}
              </Typography>
              <Typography component="dd" variant="body2" m={0}>
                PCM16 · {state.sampleRate / 1000} kHz · mono
              </Typography>
            </>
          ) : null}
          {state.sessionId ? (
            <>
              <Typography component="dt" variant="body2" color="text.secondary">
                {translate('mina.live.session')}
              </Typography>
              <Typography component="dd" variant="body2" m={0}>
                <code>{state.sessionId}</code>
              </Typography>
            </>
          ) : null}
        </Box>
        <Typography variant="caption" color="text.secondary" component="p" mt={2}>
          {translate('mina.live.level')}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, Math.sqrt(state.level) * 100)}
          aria-label={translate('mina.live.level')}
          sx={{ height: 8, borderRadius: 4 }}
        />
        {state.pipeline.length ? (
          <Box mt={2}>
            <Typography variant="subtitle2">{translate('mina.sessions.pipeline')}</Typography>
            <Box component="ul" aria-label={translate('mina.live.pipeline_events')} sx={{ m: 0, pl: 3 }}>
              {state.pipeline.map((p, i) => (
                <Typography component="li" variant="body2" key={i}>
                  {translate(`mina.pipeline_event.${p.event}`, { _: p.event })}
                </Typography>
              ))}
            </Box>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
};

/** The pipeline's events, said once each to screen readers (the status chip is a status region itself). */
function useLiveAnnouncements(state: LiveState): void {
  const translate = useTranslate();
  const announce = useAnnounce();
  const told = useRef(0);
  useEffect(() => {
    for (const p of state.pipeline.slice(told.current)) {
      const message = pipelineAnnouncement(p.event, p.data, translate);
      if (message) announce(message);
    }
    told.current = state.pipeline.length;
  }, [state.pipeline, translate, announce]);
}

/**
 * A pressed Start or Stop becomes disabled, which drops its focus to the document: hand it to
 * the control that comes next (Stop while recording, then "Open session" or "New session").
 */
function useFocusFollowsPhase(
  phase: LiveState['phase'],
  start: RefObject<HTMLButtonElement | null>,
  stop: RefObject<HTMLButtonElement | null>,
  next: RefObject<HTMLElement | null>[],
): void {
  useEffect(() => {
    const lost = (from: HTMLElement | null) =>
      document.activeElement === document.body || document.activeElement === from;
    if (phase === 'recording' && lost(start.current)) stop.current?.focus();
    if ((phase === 'stopped' || phase === 'error') && lost(stop.current))
      (next.map((r) => r.current).find(Boolean) ?? start.current)?.focus();
    // The refs are stable; only a new phase moves focus.
  }, [phase]);
}

const LivePage = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const location = useLocation();
  const { isPending: accessPending } = useRequireAccess({ action: 'create', resource: 'live' });
  const { state, start, stop, reset } = useLiveSession();
  const [title, setTitle] = useState(() =>
    translate('mina.live.default_title', { date: new Date().toLocaleString() }),
  );
  const [language, setLanguage] = useState('');
  const [meetingId, setMeetingId] = useState(
    () => new URLSearchParams(location.search).get('meetingId') ?? '',
  );
  const meetings = useGetList<Meeting>(
    'meetings',
    { pagination: { page: 1, perPage: 50 }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled: !accessPending },
  );

  const busy = state.phase === 'starting' || state.phase === 'recording' || state.phase === 'stopping';
  const startRecording = useCallback(
    () => void start({ title: title.trim(), language: language || null, meetingId: meetingId || null }),
    [start, title, language, meetingId],
  );
  const stopRecording = useCallback(() => void stop(), [stop]);
  useRecordingShortcuts({
    start: busy ? null : startRecording,
    stop: state.phase === 'recording' ? stopRecording : null,
  });
  useLiveAnnouncements(state);
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const afterRef = useRef<HTMLAnchorElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  useFocusFollowsPhase(state.phase, startRef, stopRef, [afterRef, newRef]);
  useEffect(() => {
    if (state.phase !== 'recording') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.phase]);

  if (accessPending) return <Loading />;

  const meetingChoices = (meetings.data ?? []).filter(
    (m) => m.status !== 'completed' && m.status !== 'cancelled',
  );
  if (meetingId && !meetingChoices.some((m) => m.id === meetingId)) {
    const selected = meetings.data?.find((m) => m.id === meetingId);
    if (selected) meetingChoices.unshift(selected);
  }

  return (
    <Box mt={1}>
      <Title title={translate('mina.live.title')} />
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('mina.live.title')}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack gap={2}>
            <Card component="section" aria-labelledby="live-setup-title">
              <CardContent>
                <Typography id="live-setup-title" component="h2" variant="h6" gutterBottom>
                  {translate('mina.live.setup')}
                </Typography>
                <TextField
                  fullWidth
                  margin="dense"
                  label={translate('mina.live.session_title')}
                  value={title}
                  onChange={(e) => setTitle(e.target.value)}
                  disabled={busy}
                />
                <TextField
                  select
                  fullWidth
                  margin="dense"
                  label={translate('mina.live.language')}
                  value={language}
                  onChange={(e) => setLanguage(e.target.value)}
                  disabled={busy}
                >
                  {LANGUAGES.map((l) => (
                    <MenuItem key={l || 'auto'} value={l}>
                      {l ? translate(`mina.language.${l}`, { _: l }) : translate('mina.live.auto_language')}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  fullWidth
                  margin="dense"
                  label={translate('mina.live.meeting')}
                  value={meetingId}
                  onChange={(e) => setMeetingId(e.target.value)}
                  disabled={busy || meetings.isPending}
                  helperText={meetings.error ? translate('mina.live.meetings_unavailable') : ' '}
                >
                  <MenuItem value="">{translate('mina.live.no_meeting')}</MenuItem>
                  {meetingChoices.map((m) => (
                    <MenuItem key={m.id} value={m.id}>
                      {m.title}
                    </MenuItem>
                  ))}
                </TextField>
                <Stack direction="row" gap={1} mt={1}>
                  <Button
                    ref={startRef}
                    variant="contained"
                    startIcon={<MicIcon />}
                    onClick={startRecording}
                    disabled={busy}
                    aria-keyshortcuts={RECORD_KEY.aria}
                    title={RECORD_KEY.aria}
                  >
                    {translate('mina.live.start')}
                  </Button>
                  <Button
                    variant="contained"
                    color="error"
                    startIcon={<StopIcon />}
                    ref={stopRef}
                    onClick={stopRecording}
                    disabled={state.phase !== 'recording'}
                    aria-keyshortcuts={STOP_KEY.aria}
                    title={STOP_KEY.aria}
                  >
                    {translate('mina.live.stop')}
                  </Button>
                  {state.phase === 'stopped' || state.phase === 'error' ? (
                    <Button ref={newRef} onClick={reset}>
                      {translate('mina.live.new')}
                    </Button>
                  ) : null}
                </Stack>
                {state.phase === 'starting' || state.phase === 'stopping' ? (
                  <LinearProgress sx={{ mt: 2 }} aria-label={translate(`mina.live.phase.${state.phase}`)} />
                ) : null}
              </CardContent>
            </Card>
            {state.error ? (
              <Alert severity="error" role="alert">
                {state.micError
                  ? translate(`mina.live.mic_error.${state.micError}`)
                  : translate('mina.live.failed')}{' '}
                {state.error}
              </Alert>
            ) : null}
            <AsrNotice state={state} />
            {state.phase === 'stopped' && state.sessionId ? (
              <Alert
                severity={state.fullyUploaded === false ? 'warning' : 'success'}
                action={
                  <Button
                    ref={afterRef}
                    color="inherit"
                    size="small"
                    component={Link}
                    to={createPath({ resource: 'sessions', type: 'show', id: state.sessionId })}
                  >
                    {translate('mina.live.open_session')}
                  </Button>
                }
              >
                {translate(state.fullyUploaded === false ? 'mina.live.ended_partial' : 'mina.live.ended')}
              </Alert>
            ) : null}
            <StatusPanel state={state} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack gap={2}>
            <LiveTranscript finals={state.finals} interims={Object.values(state.interims)} />
            {state.sessionId ? (
              <CopilotPanel
                sessionId={state.sessionId}
                items={state.copilot}
                canAct={state.phase === 'recording' || state.phase === 'stopping'}
              />
            ) : null}
          </Stack>
        </Grid>
      </Grid>
    </Box>
  );
};

export default LivePage;
