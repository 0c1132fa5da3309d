import type { MinaConfig } from '#src/config/config.js';
import type { WindowerOptions } from './audio/windower.js';
import type { AsrLoadLimits } from './processing/asr-load.js';
import type { SocketLimits } from './socket-limiter.js';

/** Tunables of the live path. Defaults suit one API process on a small machine; `interims` and the per-client bounds come from the environment. */
export interface TranscriptionOptions {
  limits: SocketLimits;
  /** Sockets per user on this process (MINA_SOCKETS_PER_USER); more are refused at the handshake. */
  maxSocketsPerUser: number;
  /** Distinct sessions one socket may join (MINA_SOCKET_MAX_SESSIONS). */
  maxSessionsPerSocket: number;
  /** A chunk's seq may be at most this far past the session's nextSeq (MINA_AUDIO_SEQ_LOOKAHEAD). */
  seqLookahead: number;
  /** Chunk appends this process waits on at most; more are refused at once with SERVICE_UNAVAILABLE (resend). */
  spoolMaxPending: number;
  /** The streaming lock lapses this long after the last chunk of a client that vanished. */
  streamLockTtlMs: number;
  /** The processor lease: another process takes a session over this long after its owner died. */
  leaseTtlMs: number;
  leaseRenewMs: number;
  /** How often each process looks for sessions whose processor is gone. */
  sweepEveryMs: number;
  /** Fallback poll of the spool when no wake-up arrived. */
  pollMs: number;
  readBatch: number;
  /** Audio kept in the spool before the last persisted window, replayed on takeover to settle the VAD. */
  replayWarmupMs: number;
  /** session:end waits this long for the spool to be transcribed before finalizing anyway. */
  drainTimeoutMs: number;
  /** Interim ASR requests for open windows (costly; off for batch-like loads). */
  interims: boolean;
  /** Audio before the previous interim point repeated in the next interim request (reconciled away). */
  interimOverlapMs: number;
  /** Interims are skipped while this process has this many in flight, or this many ASR requests of any kind. */
  interimLoad: AsrLoadLimits;
  asr: { breaker: string; timeoutMs: number; retries: number };
  /** MINA_ASR_MODE=realtime: a session's connection is closed after this long without speech. */
  realtimeIdleCloseMs: number;
  /**
   * MINA_ASR_MODE=realtime: a commit (a closed window) not answered within this long ends realtime
   * for the session and the window goes to the windowed provider. The service transcribes audio it
   * already has, so it answers within a second or two; waiting the windowed upload timeout (30 s)
   * would freeze the live transcript that long.
   */
  realtimeCommitTimeoutMs: number;
  windower: Partial<WindowerOptions>;
  /** A stored recording's windows in flight to the ASR at once (MINA_FILE_ASR_CONCURRENCY); live sessions send one at a time. */
  fileAsrConcurrency: number;
  /** A stored recording's window is tried this many times before its processor gives up and the job retries later. */
  fileAsrAttempts: number;
  /**
   * Whether this process takes over sessions whose processor died (the sweep). `worker` processes
   * do not: live audio is transcribed where it arrives, and a worker runs the processors of the
   * recordings it feeds.
   */
  sweep: boolean;
}

export const DEFAULT_TRANSCRIPTION_OPTIONS: Readonly<TranscriptionOptions> = {
  limits: { eventsPerSecond: 200, burst: 400, maxInFlight: 32, maxPending: 16, floodRefusals: 1_000, floodWindowMs: 10_000 },
  maxSocketsPerUser: 20,
  maxSessionsPerSocket: 16,
  seqLookahead: 1_024,
  spoolMaxPending: 1_024,
  streamLockTtlMs: 5_000,
  leaseTtlMs: 4_000,
  leaseRenewMs: 1_000,
  sweepEveryMs: 1_000,
  pollMs: 250,
  readBatch: 64,
  replayWarmupMs: 3_000,
  drainTimeoutMs: 20_000,
  interims: true,
  interimOverlapMs: 500,
  interimLoad: { maxInterims: 16, busyAt: 48 },
  asr: { breaker: 'asr', timeoutMs: 30_000, retries: 2 },
  realtimeIdleCloseMs: 30_000,
  realtimeCommitTimeoutMs: 8_000,
  windower: {},
  fileAsrConcurrency: 4,
  fileAsrAttempts: 8,
  sweep: true,
};

export const TRANSCRIPTION_OPTIONS = Symbol('TRANSCRIPTION_OPTIONS');

/** The defaults with what the environment decides (src/config/config.ts). */
export function transcriptionOptions(config: Pick<MinaConfig, 'asrInterims' | 'socket'> & Partial<Pick<MinaConfig, 'fileAsrConcurrency' | 'fileAsrAttempts' | 'role' | 'asrProviders'>>): TranscriptionOptions {
  return {
    ...DEFAULT_TRANSCRIPTION_OPTIONS,
    fileAsrConcurrency: config.fileAsrConcurrency ?? DEFAULT_TRANSCRIPTION_OPTIONS.fileAsrConcurrency,
    fileAsrAttempts: config.fileAsrAttempts ?? DEFAULT_TRANSCRIPTION_OPTIONS.fileAsrAttempts,
    sweep: config.role !== 'worker',
    // A window may wait out one provider's timeout per provider of the chain before the last answers.
    asr: { ...DEFAULT_TRANSCRIPTION_OPTIONS.asr, timeoutMs: DEFAULT_TRANSCRIPTION_OPTIONS.asr.timeoutMs * Math.max(1, config.asrProviders?.length ?? 1) },
    limits: { ...DEFAULT_TRANSCRIPTION_OPTIONS.limits },
    interims: config.asrInterims,
    maxSocketsPerUser: config.socket.maxPerUser,
    maxSessionsPerSocket: config.socket.maxSessionsPerSocket,
    seqLookahead: config.socket.seqLookahead,
  };
}
