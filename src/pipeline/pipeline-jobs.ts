import type { JobsOptions } from 'bullmq';
import type { PipelineSettings } from './pipeline-settings.js';

/**
 * The one job registry: queues, job names, their payloads, ids and options. Each job has exactly
 * one `@OnJob` handler; the app refuses to boot otherwise (see JobDispatcher).
 */
export const QUEUES = ['pipeline', 'maintenance', 'recordings', 'webhooks'] as const;
export type QueueName = (typeof QUEUES)[number];

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
  /** One attempt of one webhook event to one endpoint (src/integrations/webhooks). */
  'deliver-webhook': WebhookJobData;
  /** Queues the webhook events a crash left unqueued. */
  'sweep-webhooks': Record<string, never>;
}

export interface WebhookJobData {
  eventId: string;
  endpointId: string;
  attempt: number;
  /** The delivery a user asked to replay, if this is a replay. */
  replayOf?: string;
}

export type JobName = keyof JobPayloads;

export const STAGES = ['refinement', 'analytics', 'tasks', 'summary'] as const;
export type StageName = (typeof STAGES)[number];

export const JOBS: Record<JobName, { queue: QueueName; stage?: StageName }> = {
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
  'sweep-recordings': { queue: 'maintenance' },
  'transcribe-recording': { queue: 'recordings' },
  'deliver-webhook': { queue: 'webhooks' },
  'sweep-webhooks': { queue: 'maintenance' },
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

const DAY_S = 86_400;

/** Retry, backoff and retention for every job: decided here and nowhere else. */
export function jobOptions(name: JobName, settings: PipelineSettings, session?: SessionJobData): JobsOptions {
  // A recording's retries wait out an ASR outage; its persisted checkpoint makes each one cheap.
  const retry = name === 'transcribe-recording' ? settings.recordings : settings;
  return {
    ...(session ? { jobId: sessionJobId(name, session.sessionId, session.run) } : {}),
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    // Finished jobs stay a day so that a relaunch within it still collapses on their ids.
    removeOnComplete: { age: DAY_S, count: 50_000 },
    removeOnFail: { age: 14 * DAY_S },
  };
}
