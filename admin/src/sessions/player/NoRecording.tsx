import { Alert, AlertTitle } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/time';
import { errorBody, errorCode, errorMessage, errorStatus } from '../../providers/errors';
import type { Session } from '../../types';

/** Statuses in which the audio is not in the store yet, whatever comes next. */
/** Upload statuses (uploading, queued) are listed as the API sends them, whatever the console's type knows yet. */
const NOT_YET: Record<string, string> = {
  pending: 'mina.player.why.not_started',
  recording: 'mina.player.why.recording',
  uploading: 'mina.player.why.uploading',
  queued: 'mina.player.why.uploading',
};

/** When the session itself says there is no audio to ask for (still recording, uploading, or an imported transcript). */
export const audioNotYet = (session: Pick<Session, 'status'> & Partial<Pick<Session, 'source'>>): string | null =>
  session.source === 'import' ? 'mina.player.why.imported' : (NOT_YET[session.status] ?? null);

const STATUS_OF: Record<string, number> = { RECORDING_DELETED: 410, RECORDING_NOT_READY: 409, RECORDING_NOT_FOUND: 404 };

/** What the session's own `recording` summary says is missing, in the shape of the audio routes' error. */
export const recordingAbsence = (session: Pick<Session, 'recording'>): unknown => {
  const r = session.recording;
  if (!r || r.available) return undefined;
  return { status: STATUS_OF[r.code] ?? 404, body: { code: r.code, details: { reason: r.reason, deletedAt: r.deletedAt } } };
};

/** The server's `details.reason` for a missing recording → what the console says. */
const REASONS: Record<string, string> = {
  LIVE: 'mina.player.why.recording',
  UPLOADING: 'mina.player.why.uploading',
  QUEUED: 'mina.player.why.uploading',
  IMPORTED_TRANSCRIPT: 'mina.player.why.imported',
  UPLOAD_FAILED: 'mina.player.why.upload_failed',
  NOT_KEPT: 'mina.player.why.not_kept',
  KEEPING: 'mina.player.why.keeping',
};

const detailsOf = (error: unknown) =>
  (errorBody(error) as { details?: Record<string, unknown> } | undefined)?.details;

function deletedOn(error: unknown): string | null {
  const details = detailsOf(error);
  const at = details?.deletedAt ?? details?.deleted_at;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : null;
}

/**
 * Why there is nothing to play, in the server's terms: still recording or uploading, never kept,
 * deleted by retention (and when), or an imported transcript that never had audio.
 */
export const NoRecording = ({ session, error }: { session: Session; error?: unknown }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notYet = audioNotYet(session);
  const reason = detailsOf(error)?.reason;
  const reasonKey = typeof reason === 'string' ? REASONS[reason] : undefined;
  let severity: 'info' | 'warning' | 'error' = 'info';
  let text: string;
  if (notYet) text = translate(notYet);
  else if (errorCode(error) === 'RECORDING_DELETED' || errorStatus(error) === 410) {
    const at = deletedOn(error);
    text = at
      ? translate('mina.player.why.deleted_on', { date: formatDateTime(at, locale) })
      : translate('mina.player.why.deleted');
  } else if (reasonKey) {
    text = translate(reasonKey);
  } else if (errorCode(error) === 'RECORDING_NOT_FOUND') {
    text = translate(session.source === 'import' ? 'mina.player.why.imported' : 'mina.player.why.not_kept');
  } else if (errorStatus(error) === 404) {
    text = translate('mina.player.why.unavailable');
  } else {
    severity = 'error';
    text = translate('mina.player.why.failed', { message: errorMessage(error) });
  }
  // The server's own words, when the console has no sentence of its own for its reason.
  const plain = (t: string) => t.replace(/[.\s]+$/, '');
  const server = error && !notYet && !reasonKey && severity !== 'error' ? errorMessage(error) : null;
  const detail = server && plain(server) !== plain(text) ? server : null;
  return (
    <Alert severity={severity} role="status" data-testid="no-recording" sx={{ mb: 0 }}>
      <AlertTitle>{translate('mina.player.none_title')}</AlertTitle>
      {text}
      {detail ? <> ({detail})</> : null}
    </Alert>
  );
};
