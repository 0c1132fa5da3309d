import type { HandshakeAuth as ServerHandshakeAuth, SegmentEvent } from '@mina/contract/socket';

// The /transcription socket contract is the server's own map (packages/contract/src/socket.ts).
export type {
  Ack,
  AckFn,
  AsrInfo,
  AudioChunkPayload,
  ChunkAck,
  ClientToServerEvents,
  EndAck,
  JoinAck,
  JoinPayload,
  PipelineEvent,
  SegmentEvent,
  ServerToClientEvents,
  SessionStatusEvent,
  SocketError,
} from '@mina/contract/socket';

/** Without a token (it could not be refreshed) the handshake is sent anyway: the server's refusal ends the session. */
export type ClientHandshakeAuth = Omit<ServerHandshakeAuth, 'token' | 'workspaceId'> & { token: string | null; workspaceId: string | null };

/** Interims are per ASR window: a final or a retraction of the window replaces its interim. */
export function applyInterim(
  interims: Record<string, SegmentEvent>,
  segment: SegmentEvent,
): Record<string, SegmentEvent> {
  const key = segment.windowId ?? segment.id.replace(/^interim:/, '');
  if (segment.kind === 'interim' && !segment.retracted) return { ...interims, [key]: segment };
  if (segment.kind === 'final' && !segment.windowId) return {};
  if (!(key in interims)) return interims;
  const next = { ...interims };
  delete next[key];
  return next;
}
