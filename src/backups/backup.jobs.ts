import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobQueues } from '#src/jobs/job-queues.js';
import type { BackupJobData } from '#src/jobs/jobs.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { Actor } from './backup-manifest.js';
import { BackupsService } from './backups.service.js';

/**
 * The `backup` job (queue `backups`, one at a time across the deployment; its schedule is in
 * src/jobs/job-schedules.ts). Every process requests backups; `worker` and `all` ones run them.
 * A failed backup is marked in its manifest, then dead-lettered like any job.
 */
@Injectable()
export class BackupJobs {
  constructor(
    private readonly backups: BackupsService,
    private readonly queues: JobQueues,
  ) {}

  /** Records the queued backup (503 without a key) and hands it to a worker; answers with its id at once. */
  async request(actor: Actor): Promise<{ id: string }> {
    const manifest = await this.backups.request('manual', actor);
    await this.queues.add('backup', { id: manifest.id, trigger: 'manual', actorId: actor.actorId }, { jobId: `backup-${manifest.id}` });
    return { id: manifest.id };
  }

  @OnJob('backup')
  async handle(job: Job<BackupJobData>): Promise<{ id: string; sizeBytes?: number }> {
    const manifest = await this.backups.run({ id: job.data.id, trigger: job.data.trigger, actorId: job.data.actorId });
    return { id: manifest.id, sizeBytes: manifest.sizeBytes };
  }
}
