import type { JobsOptions } from 'bullmq';
import type { JobSettings } from './job-settings.js';

/**
 * The one job registry: queues, job names, their payloads, ids and options. Each job has exactly
 * one `@OnJob` handler; the app refuses to boot otherwise (see JobDispatcher). Scheduled jobs and
 * their schedules are declared in job-schedules.ts.
 */
export const QUEUES = ['pipeline', 'maintenance', 'recordings', 'backups', 'webhooks', 'retention', 'copilot'] as const;
export type QueueName = (typeof QUEUES)[number];

const DAY_S = 86_400;

/** How a queue's workers run. `globalConcurrency` caps the jobs running at once across every process. */
export interface QueueOptions {
  concurrency: number;
  lockMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  globalConcurrency?: number;
}

export const QUEUE_OPTIONS: Record<QueueName, (s: JobSettings) => QueueOptions> = {
  pipeline: (s) => ({ concurrency: s.concurrency, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
  maintenance: (s) => ({ concurrency: 1, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
  recordings: (s) => ({ concurrency: s.recordings.workers, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
  // A queue of its own, so an hour-long dump never holds up the maintenance queue; one backup at a time in the deployment.
  backups: () => ({ concurrency: 1, globalConcurrency: 1, lockMs: 60_000, stalledIntervalMs: 30_000, maxStalledCount: 1 }),
  // Deliveries mostly wait on the receivers; MINA_WEBHOOK_CONCURRENCY at once per worker process.
  webhooks: (s) => ({ concurrency: s.webhooks, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
  // Retention runs (a first one over a large backlog can take long) never hold up pipeline recovery or upload expiry on the maintenance queue.
  retention: (s) => ({ concurrency: 1, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
  // Live copilot scans mostly wait on the LLM, like pipeline stages; a queue of their own so a busy meeting day never delays a finalized session's insights.
  copilot: (s) => ({ concurrency: s.concurrency, lockMs: s.lockMs, stalledIntervalMs: s.stalledIntervalMs, maxStalledCount: 2 }),
};

export interface SessionJobData {
  sessionId: string;
  workspaceId: string;
  /**
   * Which run of the session's pipeline the job belongs to: 0 (absent) for the one finalize
   * launches, then 1, 2, … for each resumption (dead-letter retry, recovery by the sweep).
   */
  run?: number;
}

/** An upload whose bytes are all in: decode it into the session's recording. */
export interface UploadJobData extends SessionJobData {
  uploadId: string;
}

export interface BackupJobData {
  /** Set for a requested backup (its manifest is already queued); a scheduled run picks a new id. */
  id?: string;
  trigger: 'scheduled' | 'manual';
  actorId?: string;
}

export interface JobPayloads {
  refine: SessionJobData;
  /** Fans out after refinement: adds the analytics ∥ tasks ∥ summary → reveal flow. */
  insights: SessionJobData;
  analytics: SessionJobData;
  tasks: SessionJobData;
  summary: SessionJobData;
  reveal: SessionJobData;
  'sweep-abandoned': Record<string, never>;
  'ingest-upload': UploadJobData;
  'expire-uploads': Record<string, never>;
  /** Assembles a transcribed live session's archived parts into its recording. */
  'keep-live-audio': SessionJobData;
  /** Applies each workspace's recording retention (src/retention/recording-sweep.ts). */
  'sweep-recordings': Record<string, never>;
  /** A stored recording through the live path (VAD → windows → ASR → segments), then the one finalize. */
  'transcribe-recording': SessionJobData;
  /** An encrypted backup of the database (src/backups/backup.jobs.ts). */
  backup: BackupJobData;
  /** Applies each workspace's transcript and task retention (src/retention/retention-job.ts). */
  'apply-retention': Record<string, never>;
  /** One attempt of one webhook event to one endpoint (src/integrations/webhooks). */
  'deliver-webhook': WebhookJobData;
  /** Queues the webhook events a crash left unqueued. */
  'sweep-webhooks': Record<string, never>;
  /** A session's transcript and summary into one language (src/translation). */
  translate: TranslateJobData;
  /** The live copilot reads a recording session's new finals (src/copilot/copilot-scan.ts); at most one per session per interval. */
  'copilot-scan': CopilotScanData;
}

export interface TranslateJobData {
  translationId: string;
  sessionId: string;
  workspaceId: string;
  language: string;
  /** The source the request saw; a newer request for other content supersedes this job. */
  sourceHash: string;
}

/** The session's workspace is read with it: the processor that schedules the scan knows only the session. */
export interface CopilotScanData {
  sessionId: string;
}

export interface WebhookJobData {
  eventId: string;
  endpointId: string;
  attempt: number;
  /** The delivery a user asked to replay, if this is a replay. */
  replayOf?: string;
}

export type JobName = keyof JobPayloads;

import { STAGES, type StageName } from '@mina/contract/pipeline';

export { STAGES, type StageName };

/** `options` replace the defaults of jobOptions for that job. */
export const JOBS: Record<JobName, { queue: QueueName; stage?: StageName; options?: JobsOptions }> = {
  refine: { queue: 'pipeline', stage: 'refinement' },
  insights: { queue: 'pipeline' },
  analytics: { queue: 'pipeline', stage: 'analytics' },
  tasks: { queue: 'pipeline', stage: 'tasks' },
  summary: { queue: 'pipeline', stage: 'summary' },
  reveal: { queue: 'pipeline' },
  'sweep-abandoned': { queue: 'maintenance' },
  'ingest-upload': { queue: 'recordings' },
  'expire-uploads': { queue: 'maintenance' },
  'keep-live-audio': { queue: 'recordings' },
  'sweep-recordings': { queue: 'retention' },
  'transcribe-recording': { queue: 'recordings' },
  // A failed backup is recorded in its manifest and alerted on; the next scheduled run is the retry.
  backup: { queue: 'backups', options: { attempts: 1, backoff: undefined, removeOnComplete: { age: 7 * DAY_S, count: 1000 }, removeOnFail: { age: 30 * DAY_S } } },
  'apply-retention': { queue: 'retention' },
  // Our own retries are new jobs (logged attempts, jittered backoff); these cover a crash or a database outage mid-job.
  'deliver-webhook': { queue: 'webhooks', options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } } },
  'sweep-webhooks': { queue: 'maintenance' },
  // Waits on the LLM like the pipeline's stages; its failures are written on the translation, so few attempts.
  translate: { queue: 'pipeline', options: { attempts: 2, backoff: { type: 'exponential', delay: 5_000 } } },
  // Provisional and soon stale: one quick retry; the next finals schedule the next scan anyway.
  'copilot-scan': { queue: 'copilot', options: { attempts: 2, backoff: { type: 'fixed', delay: 1_000 }, removeOnComplete: { age: 3_600, count: 10_000 }, removeOnFail: { age: DAY_S } } },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

/** Ids derive from the session (and run), so a second launch of the same run collapses into the first. */
export const sessionJobId = (name: JobName, sessionId: string, run = 0): string => (run > 0 ? `${name}-${sessionId}-r${run}` : `${name}-${sessionId}`);

/** The job name in a session job id (the flow reports children by key, `<prefix>:<queue>:<id>`). */
export const jobNameOfId = (id: string): JobName | undefined => {
  const name = id.split('-')[0];
  return isJobName(name) ? name : undefined;
};

/** Retry, backoff and retention for every job: decided here and nowhere else. */
export function jobOptions(name: JobName, settings: JobSettings, session?: SessionJobData): JobsOptions {
  // A recording's retries wait out an ASR outage; its persisted checkpoint makes each one cheap.
  const retry = name === 'transcribe-recording' ? settings.recordings : settings;
  return {
    ...(session ? { jobId: sessionJobId(name, session.sessionId, session.run) } : {}),
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    // Finished jobs stay a day so that a relaunch within it still collapses on their ids.
    removeOnComplete: { age: DAY_S, count: 50_000 },
    removeOnFail: { age: 14 * DAY_S },
    ...JOBS[name].options,
  };
}
