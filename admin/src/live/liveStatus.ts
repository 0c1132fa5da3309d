import type { ChipProps } from '@mui/material';
import type { SessionStatus } from '../types';
import type { LiveState } from './useLiveSession';

export interface LiveStatus {
  /** i18n key of the one status the page shows. */
  key: string;
  color: NonNullable<ChipProps['color']>;
}

/**
 * One status for the live page, from the recorder's phase, the socket and the session. Shown as
 * three chips they read "Recording · Live · Recording"; the phase leads, and the socket or the
 * session only speak when they say something the phase does not.
 */
export function liveStatus(state: Pick<LiveState, 'phase' | 'connection' | 'sessionStatus'>): LiveStatus {
  switch (state.phase) {
    case 'recording':
      if (state.connection === 'connecting' || state.connection === 'reconnecting') {
        return { key: `mina.sessions.connection.${state.connection}`, color: 'warning' };
      }
      if (state.connection === 'failed') return { key: 'mina.sessions.connection.failed', color: 'error' };
      return { key: 'mina.live.phase.recording', color: 'error' };
    case 'stopped':
      return state.sessionStatus ? afterRecording(state.sessionStatus) : { key: 'mina.live.phase.stopped', color: 'default' };
    case 'error':
      return { key: 'mina.live.phase.error', color: 'error' };
    case 'idle':
    case 'starting':
    case 'stopping':
      return { key: `mina.live.phase.${state.phase}`, color: 'default' };
  }
}

function afterRecording(status: SessionStatus): LiveStatus {
  switch (status) {
    case 'uploading':
    case 'queued':
    case 'transcribing':
    case 'processing':
      return { key: `mina.status.${status}`, color: 'info' };
    case 'completed':
      return { key: 'mina.status.completed', color: 'success' };
    case 'error':
      return { key: 'mina.status.error', color: 'error' };
    case 'pending':
    case 'recording':
      return { key: 'mina.live.phase.stopped', color: 'default' };
  }
}
