import type { SessionStatus } from '../types';

/*
 * The /transcription socket contract as types. A mirror of the server's map
 * (src/transcription/transcription.events.ts) without its server-only imports; keep the two
 * in step.
 */

export interface HandshakeAuth {
  token: string | null;
  workspaceId: string | null;
  /** Stable per streaming client: a reconnect with it takes over its own streaming lock at once. */
  clientId?: string;
}

export interface SocketError {
  code: string;
  message: string;
  /** Finer cause: MALFORMED, NOT_JOINED, BAD_SEQ, STREAM_LOCKED, SESSION_ENDED, RATE, IN_FLIGHT, … */
  reason?: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

/** `configured` false: no ASR provider, audio is kept but no segments will appear. */
export interface AsrInfo {
  configured: boolean;
  provider: string;
  model?: string;
  /** `open`: the provider is failing and audio waits in the spool. */
  breaker?: 'closed' | 'open' | 'half-open';
  message?: string;
}

export interface JoinPayload {
  sessionId: string;
  /** Highest final segment `seq` the client already has; later finals are replayed. Omit for all. */
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
  /** Mono PCM16LE. */
  data: ArrayBuffer;
}

export interface ChunkAck {
  seq: number;
  /** True when the chunk was already stored (a resend). */
  duplicate: boolean;
}

export interface EndAck {
  status: SessionStatus;
  finalizedNow: boolean;
  /** False when the spool could not be fully transcribed before finalizing. */
  transcribed: boolean;
}

export interface SegmentEvent {
  sessionId: string;
  /** Final: the segment's id. Interim: `interim:<windowId>`, replaced by the finals of that window. */
  id: string;
  kind: 'interim' | 'final';
  text: string;
  startMs: number;
  endMs: number;
  speaker: string | null;
  speakerLabel?: string | null;
  confidence: number | null;
  language: string | null;
  /** Finals: their order in the session (what `lastSeq` refers to). */
  seq?: number | null;
  windowId?: string;
  /** Interims only: the window was discarded; drop its interim. */
  retracted?: boolean;
}

export interface SessionStatusEvent {
  sessionId: string;
  status: SessionStatus;
  asr?: AsrInfo;
  /** Uploads being transcribed: the fraction done, 0..1. */
  progress?: number;
  /** Uploads waiting for a worker: their place in line (1 = next). */
  queuePosition?: number;
}

export type PipelineEventName =
  | 'session_finalized'
  | 'refinement_started'
  | 'refinement_ready'
  | 'analytics_started'
  | 'analytics_ready'
  | 'tasks_started'
  | 'tasks_ready'
  | 'summary_started'
  | 'summary_ready'
  | 'post_transcription_reveal'
  | 'dashboard_refresh'
  | `${string}_failed`;

export interface PipelineEvent {
  sessionId: string;
  event: PipelineEventName;
  data?: unknown;
}

export interface ClientToServerEvents {
  'session:join': (payload: JoinPayload, ack: AckFn<JoinAck>) => void;
  'audio:chunk': (payload: AudioChunkPayload, ack: AckFn<ChunkAck>) => void;
  'session:end': (payload: { sessionId: string }, ack: AckFn<EndAck>) => void;
}

export interface ServerToClientEvents {
  segment: (event: SegmentEvent) => void;
  'session:status': (event: SessionStatusEvent) => void;
  pipeline: (event: PipelineEvent) => void;
}

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
