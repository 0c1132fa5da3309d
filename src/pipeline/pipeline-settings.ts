import { type MinaConfig } from '#src/config/config.js';

/** Queue, retry and LLM tuning for the post-meeting pipeline. */
export interface PipelineSettings {
  /** Jobs one worker process runs at once; stages mostly wait on the LLM and the database. */
  concurrency: number;
  attempts: number;
  /** First retry delay; later ones double (exponential backoff). */
  backoffMs: number;
  /** A job whose lock is not renewed for this long counts as stalled (its worker died) and is re-run. */
  lockMs: number;
  stalledIntervalMs: number;
  llmTimeoutMs: number;
  /** Transport retries of one LLM call inside the breaker (not counting the invalid-output retry). */
  llmRetries: number;
  /** LLM requests in flight at once per process (the breaker's bulkhead). */
  llmMaxConcurrent: number;
  /** Transcript characters per LLM request; longer transcripts are chunked and merged. */
  chunkChars: number;
  /** A recording session with no audio for this long is finalized by the sweep. */
  abandonAfterMs: number;
  sweepEveryMs: number;
  /**
   * Refinement waits this long after finalization for audio still being transcribed (a finalize
   * that stopped waiting for the spool, e.g. during an ASR outage) before it reads the transcript.
   */
  audioWaitMs: number;
  /** A `processing` session finalized this long ago with no job of its pipeline left to run is recovered by the sweep. */
  stuckAfterMs: number;
  /** transcribe-recording jobs: how many one process runs at once, and their retries. */
  recordings: { workers: number; attempts: number; backoffMs: number };
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  concurrency: 50,
  attempts: 3,
  backoffMs: 2_000,
  lockMs: 30_000,
  stalledIntervalMs: 30_000,
  llmTimeoutMs: 60_000,
  llmRetries: 1,
  llmMaxConcurrent: 64,
  chunkChars: 24_000,
  abandonAfterMs: 30 * 60_000,
  sweepEveryMs: 60_000,
  audioWaitMs: 10 * 60_000,
  stuckAfterMs: 10 * 60_000,
  recordings: { workers: 2, attempts: 5, backoffMs: 10_000 },
};

/** Config may carry overrides (`pipeline`), e.g. short locks in tests; everything else keeps its default. */
export type PipelineTunedConfig = MinaConfig & { pipeline?: Partial<PipelineSettings> };

export function pipelineSettings(config: MinaConfig): PipelineSettings {
  const d = DEFAULT_PIPELINE_SETTINGS.recordings;
  const recordings = { workers: config.recordingWorkers ?? d.workers, attempts: config.recordingAttempts ?? d.attempts, backoffMs: config.recordingBackoffMs ?? d.backoffMs };
  return { ...DEFAULT_PIPELINE_SETTINGS, recordings, ...(config as PipelineTunedConfig).pipeline };
}
