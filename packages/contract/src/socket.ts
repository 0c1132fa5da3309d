/*
 * The /transcription socket contract as types: one map shared by the gateway, the e2e tests, the
 * benchmarks and the console. See docs/contract.md; fields beyond it are additions.
 */
import type { CopilotEvent } from './copilot.js';
import type { ErrorCode } from './errors.js';
import type { PipelineEventName } from './pipeline.js';
import type { SessionStatus } from './records.js';

export const TRANSCRIPTION_NAMESPACE = '/transcription';
/** Largest `audio:chunk` data accepted (contract: ≤ 64 KiB). */
export const MAX_CHUNK_BYTES = 64 * 1024;
export const MIN_SAMPLE_RATE = 8_000;
export const MAX_SAMPLE_RATE = 48_000;

export interface HandshakeAuth {
  token: string;
  workspaceId: string;
  /**
   * Optional stable id of the streaming client (e.g. a uuid kept across reconnects). A reconnect
   * with the same clientId takes over its own streaming lock at once instead of waiting for it to lapse.
   */
  clientId?: string;
}

export type SocketErrorCode = Extract<
  ErrorCode,
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'WORKSPACE_REQUIRED'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'LIMIT_EXCEEDED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL'
  | 'API_KEY_EXPIRED'
  | 'API_KEY_REVOKED'
  | 'API_KEY_SCOPE'
  | 'API_KEY_WORKSPACE'
>;

/** Finer cause under a code, stable for clients to branch on. */
export type SocketErrorReason =
  | 'MALFORMED'
  | 'UNKNOWN_EVENT'
  | 'NOT_JOINED'
  | 'BAD_SEQ'
  | 'BAD_FORMAT'
  | 'ODD_BYTE_LENGTH'
  | 'SAMPLE_RATE'
  | 'TOO_LARGE'
  | 'STREAM_LOCKED'
  | 'SESSION_ENDED'
  | 'RATE'
  | 'IN_FLIGHT'
  | 'SPOOL_UNAVAILABLE'
  | 'TOO_LATE'
  | 'SEQ_TOO_FAR'
  | 'TOO_MANY_SESSIONS'
  | 'TOO_MANY_SOCKETS'
  | 'FLOOD'
  /** The API key the socket was opened with expired (server:disconnect). */
  | 'KEY_EXPIRED';

export interface SocketError {
  code: SocketErrorCode;
  message: string;
  reason?: SocketErrorReason;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

/** `configured` false means no ASR provider: audio is kept, but no segments will appear. */
export interface AsrInfo {
  configured: boolean;
  provider: string;
  model?: string;
  /** `realtime`: a streaming connection per session, windowed requests as its fallback. */
  mode?: 'windowed' | 'realtime';
  /** Circuit state of the ASR provider; `open` means audio waits in the spool. */
  breaker?: 'closed' | 'open' | 'half-open';
  message?: string;
}

export interface JoinPayload {
  sessionId: string;
  /** Highest final segment `seq` the client already has; finals after it are replayed before the ack. Omit for all. */
  lastSeq?: number;
}

export interface JoinAck {
  status: SessionStatus;
  /** The next audio chunk seq the server expects (highest stored seq + 1). */
  nextSeq: number;
  /** Whether this socket may stream to the session (viewers and others' sessions: watch only). */
  canStream: boolean;
  asr: AsrInfo;
}

export interface AudioChunkPayload {
  sessionId: string;
  seq: number;
  format: 'pcm16';
  sampleRate: number;
  /** Mono PCM16LE. Socket.IO delivers Buffer on the server; clients send Buffer/ArrayBuffer/typed arrays. */
  data: Uint8Array | ArrayBuffer;
}

export interface ChunkAck {
  seq: number;
  /** True when the chunk was already stored (a resend): acked again, transcribed once. */
  duplicate: boolean;
}

export interface EndPayload {
  sessionId: string;
}

export interface EndAck {
  status: SessionStatus;
  finalizedNow: boolean;
  /** False when the spool could not be fully transcribed before finalizing (e.g. ASR unavailable). */
  transcribed: boolean;
}

export interface SegmentEvent {
  sessionId: string;
  /** Final: the segment's database id. Interim: `interim:<windowId>`, replaced by the final(s) of that window. */
  id: string;
  kind: 'interim' | 'final';
  text: string;
  startMs: number;
  endMs: number;
  /** Display name when the speaker was renamed, else the diarization label, else null. */
  speaker: string | null;
  speakerLabel: string | null;
  confidence: number | null;
  language: string | null;
  /** Final segments: their order in the session (what `lastSeq` refers to). */
  seq: number | null;
  /** The ASR window this text came from; interims and finals of a window share it. */
  windowId: string;
  /** Interims only: the window was discarded (silence/hallucination) — drop its interim. */
  retracted?: boolean;
}

export interface SessionStatusEvent {
  sessionId: string;
  status: SessionStatus;
  asr?: AsrInfo;
  /** Fraction done (0..1) of what the status is about: an upload's bytes received (`uploading`), a stored recording's audio transcribed (`transcribing`, about once a second). */
  progress?: number;
  /** `queued`: this recording's place among those waiting for a worker (1 = next). */
  queuePosition?: number;
  /** Why the session is `error` (e.g. NOT_AUDIO, UPLOAD_EXPIRED, TRANSCRIPTION_FAILED). */
  error?: { code: string; message: string };
}

export interface PipelineEvent {
  sessionId: string;
  event: PipelineEventName;
  data?: unknown;
}

export interface ClientToServerEvents {
  'session:join': (payload: JoinPayload, ack: AckFn<JoinAck>) => void;
  'audio:chunk': (payload: AudioChunkPayload, ack: AckFn<ChunkAck>) => void;
  'session:end': (payload: EndPayload, ack: AckFn<EndAck>) => void;
}

/** Addition to the contract: this api process is shutting down (SIGTERM); the transport closes next. */
export interface DrainingNotice {
  /** Always true: reconnect (with `session:join` + `lastSeq`) — to any api process. */
  reconnect: true;
  reason: 'shutting_down';
  /** Resend every chunk from the `nextSeq` of the next join ack; nothing acked here is lost. */
  message: string;
}

/** Addition to the contract: the server is about to close this socket (a client that kept flooding after its refusals). */
export interface DisconnectNotice {
  code: SocketErrorCode;
  reason: SocketErrorReason;
  message: string;
}

export interface ServerToClientEvents {
  segment: (event: SegmentEvent) => void;
  'session:status': (event: SessionStatusEvent) => void;
  pipeline: (event: PipelineEvent) => void;
  /** Live copilot: a provisional action item, decision, question or risk found in the finals so far. */
  copilot: (event: CopilotEvent) => void;
  'server:draining': (notice: DrainingNotice) => void;
  'server:disconnect': (notice: DisconnectNotice) => void;
}

/** The events a client may send; anything else is refused as UNKNOWN_EVENT. */
export const CLIENT_EVENTS: ReadonlySet<string> = new Set<keyof ClientToServerEvents>([
  'session:join',
  'audio:chunk',
  'session:end',
]);
