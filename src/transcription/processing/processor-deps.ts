import type { Redis } from 'ioredis';
import type { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import type { AsrProvider } from '../asr/asr-provider.js';
import type { AudioSpool } from '../spool/audio-spool.service.js';
import type { AsrLoad } from './asr-load.js';
import type { LiveAudioArchivePort } from './live-audio-archive.js';
import type { TranscriptionMetrics } from '../transcription.metrics.js';
import type { TranscriptionOptions } from '../transcription.options.js';
import type { TranscriptionRepository } from '../transcription.repository.js';
import type { AsrInfo, SegmentEvent } from '../transcription.events.js';

/** What a SessionProcessor needs from the process; the worker builds it once. */
export interface ProcessorDeps {
  spool: AudioSpool;
  repo: TranscriptionRepository;
  redis: Redis;
  asr: AsrProvider;
  /** ASR requests in flight in this process: interims yield to finals. */
  asrLoad: AsrLoad;
  breakers: CircuitBreakers;
  metrics: TranscriptionMetrics;
  options: TranscriptionOptions;
  /** Where live audio is archived as it is transcribed (empty: nowhere). */
  archive: LiveAudioArchivePort;
  /** Runs database work in its own unit of work (there is no HTTP request here). */
  db<T>(fn: () => Promise<T>): Promise<T>;
  /** Re-asserts this process's lease; false when another process owns the session now. */
  renewLease(sessionId: string): Promise<boolean>;
  retryAfterMs(error: unknown): number | undefined;
  emitSegment(event: SegmentEvent): void;
  /** A live session's new finals are persisted (FinalsListeners: the copilot follows them). */
  finalsCommitted(sessionId: string): void;
  /** The session left realtime transcription: tell its watchers which provider is in use now. */
  fellBack(sessionId: string, asr: AsrInfo): Promise<void>;
}
