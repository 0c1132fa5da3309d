import { type MinaConfig } from '#src/config/config.js';
import { DEFAULT_JOB_SETTINGS, jobSettings, type JobSettings } from '#src/jobs/job-settings.js';

/** LLM and sweep tuning for the post-meeting pipeline, with the queue tuning of its jobs. */
export interface PipelineSettings extends JobSettings {
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
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  ...DEFAULT_JOB_SETTINGS,
  llmTimeoutMs: 60_000,
  llmRetries: 1,
  llmMaxConcurrent: 64,
  chunkChars: 24_000,
  abandonAfterMs: 30 * 60_000,
  sweepEveryMs: 60_000,
  audioWaitMs: 10 * 60_000,
  stuckAfterMs: 10 * 60_000,
};

/** Config may carry overrides (`pipeline`), e.g. short locks in tests; everything else keeps its default. */
export type PipelineTunedConfig = MinaConfig & { pipeline?: Partial<PipelineSettings> };

export function pipelineSettings(config: MinaConfig): PipelineSettings {
  return { ...DEFAULT_PIPELINE_SETTINGS, ...(config as PipelineTunedConfig).pipeline, ...jobSettings(config) };
}
