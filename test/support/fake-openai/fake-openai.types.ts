import type { HeardWord, MatchMode } from './audio-matcher.js';
import type { JsonSchema } from './json-schema.js';
import type { PcmAudio } from './wav.js';

export type FakeRoute = 'transcriptions' | 'chat' | 'realtime';

/**
 * - latency: delay the answer by `latencyMs` (adds to setLatency)
 * - rate-limit: 429 with Retry-After (realtime: the upgrade is refused with 429)
 * - server-error / unavailable: 500 / 503 (realtime: at the upgrade)
 * - bad-request: 400 invalid_request_error, a refusal no retry or other server will change
 * - unauthorized: 401 invalid_api_key, as for a revoked key (this server's problem, not the request's)
 * - hang: read the request and never answer until close() (realtime: commits go unanswered)
 * - garbage: 200 with a body that is not JSON (realtime: a non-JSON frame on commit)
 * - reset: close the connection without an answer (realtime: at the upgrade)
 * - truncate: headers and half a body, then the connection dies (realtime: some deltas, then dies)
 * - schema-invalid: chat only — valid JSON that breaks the requested json_schema
 * - transcription-failed: realtime only — conversation.item.input_audio_transcription.failed
 * - error-event: realtime only — an `error` event (server_error) instead of the transcript of a commit
 * - slow-deltas: realtime only — the deltas of a commit are `latencyMs` apart (default 100)
 */
export type FaultKind =
  | 'latency'
  | 'rate-limit'
  | 'server-error'
  | 'unavailable'
  | 'bad-request'
  | 'unauthorized'
  | 'hang'
  | 'garbage'
  | 'reset'
  | 'truncate'
  | 'schema-invalid'
  | 'transcription-failed'
  | 'error-event'
  | 'slow-deltas'
  /** A streamed chat completion is cut (socket destroyed) after half its deltas. */
  | 'stream-cut';

export interface FaultSpec {
  kind: FaultKind;
  /** Only this route; every route when omitted. */
  route?: FakeRoute;
  /** Only the next N requests it applies to; until cleared when omitted. */
  times?: number;
  /** Only for this long from now. */
  forMs?: number;
  /** For `latency`, and the spacing of `slow-deltas`. */
  latencyMs?: number;
  /** For `rate-limit`; default 1. */
  retryAfterSeconds?: number;
}

export interface RequestLogEntry {
  id: number;
  route: FakeRoute | 'other';
  method: string;
  path: string;
  /** Epoch ms when the request arrived. */
  at: number;
  status?: number;
  fault?: FaultKind;
  model?: string;
  responseFormat?: string;
  prompt?: string;
  language?: string;
  timestampGranularities?: string[];
  chunkingStrategy?: string;
  knownSpeakerNames?: string[];
  audioBytes?: number;
  audioMs?: number;
  /** What the fake answered with (transcriptions and realtime commits). */
  transcript?: string;
  schemaName?: string;
  /** Realtime: the client event that produced this entry. */
  event?: string;
}

export interface TranscribeRequest {
  model: string;
  responseFormat: string;
  prompt?: string;
  language?: string;
  /** The upload as PCM when it was a PCM16 WAV. */
  audio?: PcmAudio;
  durationMs: number;
  /** What the matcher found in the registered scripts (empty when unmatched). */
  heard: HeardWord[];
}

/** Return words (window-relative), a plain string, or undefined to keep what the matcher heard. */
export type TranscribeOverride = (
  req: TranscribeRequest,
) => HeardWord[] | string | undefined | Promise<HeardWord[] | string | undefined>;

export interface RealtimeTranscribeRequest {
  model?: string;
  audio: PcmAudio;
  heard: HeardWord[];
}

export type RealtimeOverride = (req: RealtimeTranscribeRequest) => string | undefined;

export interface ChatRequest {
  model: string;
  messages: unknown[];
  schemaName?: string;
  schema?: JsonSchema;
  strict: boolean;
  body: Record<string, unknown>;
}

/** Return an object (sent as JSON content) or a string (sent verbatim). */
export type ChatHandler = (req: ChatRequest) => unknown;

export interface FakeOpenAIOptions {
  /** WAV paths of scripts to register (ground truth beside each as .json). */
  scripts?: string[];
  /** `exact` (default) for windows cut from 16 kHz scripts; `exact-or-envelope` also finds resampled audio. */
  match?: MatchMode;
  transcribe?: TranscribeOverride;
  realtime?: RealtimeOverride;
  /** Refuse model/format combinations the real API refuses (default true). */
  strictModels?: boolean;
  latencyMs?: number;
  /**
   * Audio with speech in it that matches no script: `silence` (default) answers empty text, as
   * the tests' synthetic signals expect; `marker` answers an explicit, numbered marker text
   * (UNMATCHED_MARKER) and warns through `onWarning`, so a transcript shows that the fake could
   * not hear it instead of showing nothing (the demo's mode).
   */
  unmatched?: 'silence' | 'marker';
  onWarning?: (message: string) => void;
  /** Listen here instead of an ephemeral port on 127.0.0.1. */
  port?: number;
  host?: string;
}

export interface FakeOpenAI {
  /** http://127.0.0.1:<port>/v1 */
  readonly baseURL: string;
  readonly port: number;
  /** wss://127.0.0.1:<port>/v1/realtime?intent=transcription — the URL the SDK builds. */
  readonly realtimeURL: string;
  /** PEM of the self-signed certificate the port presents to TLS clients (wss). */
  readonly tlsCA: string;
  readonly requests: RequestLogEntry[];
  addScript(wavPath: string, groundTruthPath?: string): Promise<void>;
  onChat(schemaName: string, handler: ChatHandler): void;
  onChat(handler: ChatHandler): void;
  setFault(fault: FaultSpec): void;
  clearFaults(route?: FakeRoute): void;
  setLatency(ms: number, route?: FakeRoute): void;
  /** HTTP requests of a route being answered now, and the most at once since the last reset. */
  concurrency(route: FakeRoute): { now: number; max: number };
  resetConcurrency(route?: FakeRoute): void;
  close(): Promise<void>;
}
