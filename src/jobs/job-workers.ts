import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import * as Sentry from '@sentry/nestjs';
import { Worker, type Job } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { withContext } from '#src/database/with-context.js';
import { DeadLettersRepository } from './dead-letters/dead-letters.repository.js';
import { JobDispatcher } from './job-dispatcher.js';
import { JobMetrics } from './job-metrics.js';
import { JobQueues } from './job-queues.js';
import { schedules } from './job-schedules.js';
import { JOBS, QUEUE_OPTIONS, QUEUES } from './jobs.js';

/** Runs after a job failed for good and was dead-lettered, in the same unit of work (e.g. a pipeline stage marked failed). */
export type FailedJobListener = (job: Job) => Promise<void>;

/**
 * The BullMQ workers of a `worker` or `all` process: one per queue of the registry, with its
 * concurrency and the lock and stall settings that make a dead worker's jobs run again elsewhere.
 * Registers every scheduled job at start. A job that fails for good is logged, reported to
 * Sentry, counted and dead-lettered, whatever its queue.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobWorkers.name);
  readonly workers: Worker[] = [];
  /** Aborted at shutdown, before the workers wait for their running jobs: long jobs hand themselves back. */
  private readonly stopping = new AbortController();
  private readonly failedListeners: FailedJobListener[] = [];

  constructor(
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly dispatcher: JobDispatcher,
    private readonly queues: JobQueues,
    private readonly metrics: JobMetrics,
    private readonly deadLetters: DeadLettersRepository,
    private readonly orm: MikroORM,
  ) {}

  onFailedForGood(listener: FailedJobListener): void {
    this.failedListeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const queue of QUEUES) {
      const options = QUEUE_OPTIONS[queue](this.queues.settings);
      const worker = new Worker(queue, (job, token) => this.dispatcher.dispatch(job, token, this.stopping.signal), {
        connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
        prefix: this.config.redisPrefix,
        concurrency: options.concurrency,
        lockDuration: options.lockMs,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: options.maxStalledCount,
      });
      worker.on('completed', (job) => this.observe(job, 'completed'));
      worker.on('failed', (job) => {
        if (job) void this.onFailed(job);
      });
      worker.on('error', (error) => this.logger.warn(`Worker ${queue}: ${error.message}`));
      this.workers.push(worker);
      if (options.globalConcurrency !== undefined) await this.queues.queue(queue).setGlobalConcurrency(options.globalConcurrency);
    }
    await this.schedule();
  }

  /** Lets running jobs finish; a process that dies instead leaves them to the stalled-job check. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.workers.map((w) => w.close()));
  }

  /** Registers each scheduled job, and removes the scheduler of one that is off. */
  private async schedule(): Promise<void> {
    for (const s of schedules(this.config)) {
      const queue = this.queues.queue(JOBS[s.name].queue);
      // A job moved to another queue (e.g. the retention runs, once on maintenance) would still fire from its old scheduler.
      for (const other of QUEUES) if (other !== JOBS[s.name].queue) await this.queues.queue(other).removeJobScheduler(s.id);
      if (s.repeat) {
        await queue.upsertJobScheduler(s.id, s.repeat, { name: s.name, data: s.data, opts: s.opts });
      } else {
        await queue.removeJobScheduler(s.id);
        if (s.off) this.logger.warn(s.off);
      }
    }
  }

  private observe(job: Job, state: 'completed' | 'failed'): void {
    if (job.processedOn && job.finishedOn) {
      this.metrics.jobDuration.observe({ queue: job.queueName, name: job.name, state }, (job.finishedOn - job.processedOn) / 1000);
    }
  }

  private async onFailed(job: Job): Promise<void> {
    try {
      // Only the last attempt: earlier failures are retried with backoff.
      if ((await job.getState()) !== 'failed') return;
      this.observe(job, 'failed');
      this.logger.error(`Job ${job.name} ${job.id} failed for good after ${job.attemptsMade} attempts: ${job.failedReason}`);
      Sentry.withScope((scope) => {
        scope.setTags({ queue: job.queueName, job: job.name, job_id: String(job.id), session_id: (job.data as { sessionId?: string }).sessionId });
        Sentry.captureException(new Error(`Job ${job.name} failed for good: ${job.failedReason}`));
      });
      await withContext(this.orm, async () => {
        await this.deadLetters.recordJob(job);
        for (const listener of this.failedListeners) await listener(job);
      });
    } catch (error) {
      this.logger.error(`Could not dead-letter job ${job.id}: ${(error as Error).message}`);
    }
  }
}
