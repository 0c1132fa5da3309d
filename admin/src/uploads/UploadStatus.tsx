import { Alert, AlertTitle, Box, CircularProgress, LinearProgress, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { formatBytes } from '../format/numbers';
import { useNotTranscribedText } from '../sessions/NotTranscribed';
import type { UploadItem } from './uploadQueue';

const percent = (ratio: number) => `${Math.round(Math.max(0, Math.min(1, ratio)) * 100)} %`;

const SessionLink = ({ sessionId }: { sessionId: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <Link to={createPath({ resource: 'sessions', id: sessionId, type: 'show' })}>
      {translate('mina.uploads.open_session')}
    </Link>
  );
};

/** What is happening to one file now, in words (with progress bars where there is progress). */
export const UploadStatus = ({ item }: { item: UploadItem }) => {
  const translate = useTranslate();
  const notTranscribed = useNotTranscribedText();

  if (item.checking && item.stage === 'local')
    return (
      <Stack direction="row" gap={1} alignItems="center" role="status">
        <CircularProgress size={16} aria-hidden />
        <Typography variant="body2">{translate('mina.uploads.checking')}</Typography>
      </Stack>
    );

  if (item.duplicate)
    return (
      <Alert
        severity="info"
        data-testid="upload-duplicate"
        action={<SessionLink sessionId={item.duplicate.sessionId} />}
      >
        <AlertTitle>{translate('mina.uploads.duplicate')}</AlertTitle>
        {translate('mina.uploads.duplicate_help')}
      </Alert>
    );

  if (item.error) {
    const known = translate(`mina.uploads.error.${item.error.code}`, { _: '' });
    const reason =
      [known, item.error.message].filter(Boolean).join(': ') || translate('mina.uploads.error.no_reason');
    return (
      <Alert
        severity="error"
        role="alert"
        data-testid="upload-error"
        action={item.sessionId ? <SessionLink sessionId={item.sessionId} /> : undefined}
      >
        <AlertTitle>{translate('mina.uploads.error.title')}</AlertTitle>
        {reason}
      </Alert>
    );
  }

  switch (item.stage) {
    case 'local':
      return null;
    case 'queued':
      return (
        <Typography variant="body2" role="status">
          {translate(
            item.paused
              ? 'mina.uploads.paused'
              : item.retryAt
                ? 'mina.uploads.server_busy'
                : 'mina.uploads.waiting_slot',
          )}
        </Typography>
      );
    case 'uploading': {
      const ratio = item.bytesTotal > 0 ? item.bytesSent / item.bytesTotal : 0;
      const text = translate('mina.uploads.bytes', {
        sent: formatBytes(item.bytesSent),
        total: formatBytes(item.bytesTotal),
        percent: percent(ratio),
      });
      return (
        <Box>
          <LinearProgress variant="determinate" value={ratio * 100} aria-label={text} />
          <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="upload-bytes">
            {text}
            {item.paused ? ` · ${translate('mina.uploads.paused')}` : ''}
            {item.resumed ? ` · ${translate('mina.uploads.resumed')}` : ''}
          </Typography>
        </Box>
      );
    }
    case 'processing': {
      const status = item.serverStatus ?? 'queued';
      const progress = typeof item.progress === 'number' ? item.progress : null;
      const text =
        status === 'queued' && typeof item.queuePosition === 'number'
          ? translate('mina.uploads.server.queued_position', { position: item.queuePosition })
          : status === 'transcribing' && progress !== null
            ? translate('mina.uploads.server.transcribing_progress', { percent: percent(progress) })
            : translate(`mina.uploads.server.${status}`, { _: translate(`mina.status.${status}`) });
      return (
        <Box role="status">
          <LinearProgress
            variant={progress !== null && status === 'transcribing' ? 'determinate' : 'indeterminate'}
            value={progress !== null ? progress * 100 : undefined}
            aria-label={text}
          />
          <Stack direction="row" gap={2} mt={0.5} alignItems="baseline">
            <Typography variant="body2" data-testid="upload-server-status">
              {text}
            </Typography>
            {item.sessionId ? <SessionLink sessionId={item.sessionId} /> : null}
          </Stack>
        </Box>
      );
    }
    case 'synced':
      return (
        <Alert
          severity={item.transcription ? 'warning' : 'success'}
          data-testid="upload-synced"
          action={item.sessionId ? <SessionLink sessionId={item.sessionId} /> : undefined}
        >
          {item.transcription ? notTranscribed(item.transcription) : translate('mina.uploads.synced')}
        </Alert>
      );
  }
};
