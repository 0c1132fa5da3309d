import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { jobSettings, type JobSettings } from './job-settings.js';
import { JOBS, jobOptions, QUEUES, type JobName, type JobPayloads, type QueueName } from './jobs.js';

export const QUEUE_MAP = Symbol('mina:queues');

/** Every queue of the registry by name, from BullModule's providers. */
export const queueMapProvider = {
  provide: QUEUE_MAP,
  inject: QUEUES.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]): Record<QueueName, Queue> => Object.fromEntries(QUEUES.map((name, i) => [name, queues[i]])) as Record<QueueName, Queue>,
};

/** Producer side of the registry, for every role: adds a job to its queue with the registry's options. */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger(JobQueues.name);
  readonly settings: JobSettings;

  constructor(
    @Inject(QUEUE_MAP) private readonly byName: Record<QueueName, Queue>,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = jobSettings(config);
    // Without a listener ioredis prints every reconnect attempt; readiness already reports Redis outages.
    for (const queue of this.all) queue.on('error', (error: Error) => this.logger.debug(`Queue connection: ${error.message}`));
  }

  queue(name: QueueName): Queue {
    return this.byName[name];
  }

  get all(): Queue[] {
    return QUEUES.map((name) => this.byName[name]);
  }

  /** `opts` (a job id, say) go over the registry's options. */
  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}): Promise<void> {
    await this.queue(JOBS[name].queue).add(name, data, { ...jobOptions(name, this.settings), ...opts });
  }

  getJob(queue: QueueName, id: string): Promise<Job | undefined> {
    return this.queue(queue).getJob(id);
  }

  /** Adds a job again under its registry id, outside any flow. */
  async readd(name: JobName, data: Record<string, unknown>, jobId: string): Promise<void> {
    const existing = await this.getJob(JOBS[name].queue, jobId);
    if (existing) await existing.remove({ removeChildren: false });
    await this.queue(JOBS[name].queue).add(name, data, { ...jobOptions(name, this.settings), jobId });
  }
}
