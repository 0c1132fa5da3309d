import type { SessionStatus } from '../types';

export const SESSION_STATUSES: readonly SessionStatus[] = [
  'pending',
  'recording',
  'transcribing',
  'processing',
  'completed',
  'error',
];
export const sessionStatusChoices = SESSION_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
export const isSessionActive = (status: SessionStatus | undefined) =>
  status === 'pending' || status === 'recording' || status === 'transcribing' || status === 'processing';
