import { io, type Socket } from 'socket.io-client';
import { getAccessToken, refreshSession } from '../providers/authClient';
import { getWorkspaceId } from '../providers/workspace';
import type { ClientToServerEvents, ClientHandshakeAuth, ServerToClientEvents } from './events';

export type TranscriptionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

const MAX_AUTH_RETRIES = 2;

/**
 * Connects to /transcription with a fresh access token on every (re)connect. A refused
 * handshake (expired token) is retried after a token refresh; other drops reconnect on
 * their own.
 */
export function connectTranscription(
  onState: (state: ConnectionState, message?: string) => void,
  options: { clientId?: string } = {},
): TranscriptionSocket {
  const auth = (token: string | null): ClientHandshakeAuth => ({
    token,
    workspaceId: getWorkspaceId(),
    ...(options.clientId ? { clientId: options.clientId } : {}),
  });
  const socket: TranscriptionSocket = io('/transcription', {
    auth: (cb) => {
      getAccessToken()
        .then((token) => cb(auth(token)))
        .catch(() => cb(auth(null)));
    },
    // Websocket first (no sticky sessions needed behind a load balancer), polling if blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelayMax: 10_000,
  });

  let authRetries = 0;
  onState('connecting');
  socket.on('connect', () => {
    authRetries = 0;
    onState('connected');
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    onState('reconnecting', reason);
    // Socket.IO does not reconnect by itself after a server-side disconnect (e.g. a
    // restarting node); come back with a fresh token.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1_000);
  });
  socket.on('connect_error', (error) => {
    if (socket.active) {
      onState('reconnecting', error.message);
      return;
    }
    // The server refused the handshake: most likely an expired token.
    if (authRetries >= MAX_AUTH_RETRIES) {
      onState('failed', error.message);
      return;
    }
    authRetries += 1;
    refreshSession()
      .then(() => socket.connect())
      .catch(() => onState('failed', error.message));
  });
  return socket;
}

export const ACK_TIMEOUT_MS = 10_000;
