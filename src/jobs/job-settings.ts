import { type MinaConfig } from '#src/config/config.js';

/** Worker and retry tuning of the job queues. */
export interface JobSettings {
  /** Pipeline jobs one worker process runs at once; stages mostly wait on the LLM and the database. */
  concurrency: number;
  attempts: number;
  /** First retry delay; later ones double (exponential backoff). */
  backoffMs: number;
  /** A job whose lock is not renewed for this long counts as stalled (its worker died) and is re-run. */
  lockMs: number;
  stalledIntervalMs: number;
  /** transcribe-recording jobs: how many one process runs at once, and their retries. */
  recordings: { workers: number; attempts: number; backoffMs: number };
  /** deliver-webhook jobs one process sends at once (MINA_WEBHOOK_CONCURRENCY). */
  webhooks: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  concurrency: 50,
  attempts: 3,
  backoffMs: 2_000,
  lockMs: 30_000,
  stalledIntervalMs: 30_000,
  recordings: { workers: 2, attempts: 5, backoffMs: 10_000 },
  webhooks: 8,
};

/** The queue tuning is read from config's `pipeline` block (MINA_PIPELINE_CONCURRENCY, MINA_JOB_LOCK_MS), e.g. short locks in tests. */
export type JobTunedConfig = MinaConfig & { pipeline?: Partial<JobSettings> };

export function jobSettings(config: MinaConfig): JobSettings {
  const d = DEFAULT_JOB_SETTINGS.recordings;
  const recordings = { workers: config.recordingWorkers ?? d.workers, attempts: config.recordingAttempts ?? d.attempts, backoffMs: config.recordingBackoffMs ?? d.backoffMs };
  const webhooks = config.webhooks?.concurrency ?? DEFAULT_JOB_SETTINGS.webhooks;
  const { concurrency, attempts, backoffMs, lockMs, stalledIntervalMs, recordings: tunedRecordings } = { ...DEFAULT_JOB_SETTINGS, recordings, ...(config as JobTunedConfig).pipeline };
  return { concurrency, attempts, backoffMs, lockMs, stalledIntervalMs, recordings: tunedRecordings, webhooks };
}
