import type { SessionSource, SessionStatus } from '../types';

export const SESSION_STATUSES: readonly SessionStatus[] = [
  'pending',
  'uploading',
  'queued',
  'recording',
  'transcribing',
  'processing',
  'completed',
  'error',
];
export const sessionStatusChoices = SESSION_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
/** Statuses a session still moves on from by itself (live audio, or an upload on its way through the workers). */
export const isSessionActive = (status: SessionStatus | undefined) =>
  status === 'pending' ||
  status === 'uploading' ||
  status === 'queued' ||
  status === 'recording' ||
  status === 'transcribing' ||
  status === 'processing';

export const SESSION_SOURCES: readonly SessionSource[] = ['live', 'upload', 'import'];
export const sessionSourceChoices = SESSION_SOURCES.map((id) => ({ id, name: `mina.source.${id}` }));
