import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { withContext } from '#src/database/with-context.js';
import type { Actor } from './backup-manifest.js';
import { BackupsService } from './backups.service.js';

export const BACKUP_QUEUE = 'backups';
export const BACKUP_JOB = 'backup';
export const BACKUP_SCHEDULER_ID = 'backup-scheduled';

export interface BackupJobData {
  /** Set for a requested backup (its manifest is already queued); a scheduled run picks a new id. */
  id?: string;
  trigger: 'scheduled' | 'manual';
  actorId?: string;
}

const DAY_S = 86_400;
const JOB_OPTIONS: JobsOptions = {
  // A failed backup is recorded in its manifest and alerted on; the next scheduled run is the retry.
  attempts: 1,
  removeOnComplete: { age: 7 * DAY_S, count: 1000 },
  removeOnFail: { age: 30 * DAY_S },
};

/**
 * A queue of its own, so an hour-long dump never holds up the maintenance queue. Every process
 * produces; `worker` and `all` processes run one backup at a time across the deployment (global
 * concurrency 1) and keep the repeatable schedule registered.
 */
@Injectable()
export class BackupJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BackupJobs.name);
  readonly queue: Queue<BackupJobData>;
  private worker?: Worker<BackupJobData>;

  constructor(
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly backups: BackupsService,
    private readonly orm: MikroORM,
  ) {
    this.queue = new Queue<BackupJobData>(BACKUP_QUEUE, { connection: { url: config.redisUrl }, prefix: config.redisPrefix });
    this.queue.on('error', (error) => this.logger.debug(`Backup queue connection: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    this.worker = new Worker<BackupJobData>(BACKUP_QUEUE, (job) => withContext(this.orm, () => this.handle(job)), {
      connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.redisPrefix,
      concurrency: 1,
      lockDuration: 60_000,
    });
    this.worker.on('error', (error) => this.logger.warn(`Backup worker: ${error.message}`));
    await this.queue.setGlobalConcurrency(1);
    await this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  private async schedule(): Promise<void> {
    const { schedule, timezone } = this.backups.settings;
    if (!schedule || !this.config.backupKey) {
      await this.queue.removeJobScheduler(BACKUP_SCHEDULER_ID);
      if (schedule) this.logger.warn('Scheduled backups are off: MINA_BACKUP_KEY is not set');
      return;
    }
    await this.queue.upsertJobScheduler(BACKUP_SCHEDULER_ID, { pattern: schedule, tz: timezone }, { name: BACKUP_JOB, data: { trigger: 'scheduled' }, opts: JOB_OPTIONS });
  }

  /** Records the queued backup (503 without a key) and hands it to a worker; answers with its id at once. */
  async request(actor: Actor): Promise<{ id: string }> {
    const manifest = await this.backups.request('manual', actor);
    await this.queue.add(BACKUP_JOB, { id: manifest.id, trigger: 'manual', actorId: actor.actorId }, { ...JOB_OPTIONS, jobId: `backup-${manifest.id}` });
    return { id: manifest.id };
  }

  private async handle(job: Job<BackupJobData>): Promise<{ id: string; sizeBytes?: number }> {
    const manifest = await this.backups.run({ id: job.data.id, trigger: job.data.trigger, actorId: job.data.actorId });
    return { id: manifest.id, sizeBytes: manifest.sizeBytes };
  }
}
