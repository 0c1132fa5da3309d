import { SESSION_SOURCES, SESSION_STATUSES } from '@mina/contract/records';
import type { SessionStatus } from '../types';

export const sessionStatusChoices = SESSION_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
/** Statuses a session still moves on from by itself (live audio, or an upload on its way through the workers). */
export const isSessionActive = (status: SessionStatus | undefined) =>
  status === 'pending' ||
  status === 'uploading' ||
  status === 'queued' ||
  status === 'recording' ||
  status === 'transcribing' ||
  status === 'processing';

export const sessionSourceChoices = SESSION_SOURCES.map((id) => ({ id, name: `mina.source.${id}` }));
