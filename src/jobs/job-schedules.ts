import type { JobsOptions, RepeatOptions } from 'bullmq';
import { backupSettings } from '#src/backups/backup-settings.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { jobOptions, type JobName, type JobPayloads } from './jobs.js';
import { jobSettings } from './job-settings.js';

/** A repeatable job: `repeat` null turns it off (its scheduler is removed), `off` says why when that is not what the operator asked for. */
export interface Schedule<N extends JobName = JobName> {
  name: N;
  /** The scheduler's id in Redis: kept stable, so a restart updates the schedule instead of adding another. */
  id: string;
  repeat: RepeatOptions | null;
  data: JobPayloads[N];
  opts: JobsOptions;
  off?: string;
}

/** An upload sweep at least this often; more often when uploads expire sooner. */
const EXPIRE_UPLOADS_EVERY_MS = 15 * 60_000;
const SWEEP_OPTIONS: JobsOptions = { removeOnComplete: 100, removeOnFail: 100 };

/** Every scheduled job and its schedule, read from config. `worker` and `all` processes register them at start. */
export function schedules(config: MinaConfig): Schedule[] {
  const backups = backupSettings(config);
  const backupOff = !backups.schedule ? undefined : config.backupKey ? undefined : 'Scheduled backups are off: MINA_BACKUP_KEY is not set';
  const sweep = (name: JobName, every: number): Schedule => ({ name, id: name, repeat: { every }, data: {}, opts: SWEEP_OPTIONS });
  return [
    sweep('sweep-abandoned', pipelineSettings(config).sweepEveryMs),
    sweep('expire-uploads', Math.min(EXPIRE_UPLOADS_EVERY_MS, config.uploadExpireMs)),
    sweep('sweep-recordings', config.retentionSweepMinutes * 60_000),
    sweep('apply-retention', config.retentionRunHours * 3_600_000),
    // Webhook events a crash left between their row and their delivery jobs.
    sweep('sweep-webhooks', 60_000),
    {
      name: 'backup',
      id: 'backup-scheduled',
      repeat: backups.schedule && config.backupKey ? { pattern: backups.schedule, tz: backups.timezone } : null,
      data: { trigger: 'scheduled' },
      opts: jobOptions('backup', jobSettings(config)),
      off: backupOff,
    } satisfies Schedule<'backup'>,
  ];
}
