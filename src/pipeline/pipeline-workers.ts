import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import * as Sentry from '@sentry/nestjs';
import { Worker, type Job } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { MikroORM } from '@mikro-orm/core';
import { withContext } from '#src/database/with-context.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { JobDispatcher } from './job-dispatcher.js';
import { PipelineMetrics } from './pipeline-metrics.js';
import { QUEUES, isJobName, JOBS, type SessionJobData } from './pipeline-jobs.js';
import { PipelineQueues } from './pipeline-queues.js';
import { StageRunner } from './stages/stage-runner.js';

/**
 * The BullMQ workers of a `worker` or `all` process: one per queue, with the lock and stall
 * settings that make a dead worker's jobs run again elsewhere.
 */
@Injectable()
export class PipelineWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PipelineWorkers.name);
  readonly workers: Worker[] = [];
  /** Aborted at shutdown, before the workers wait for their running jobs: long jobs hand themselves back. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly dispatcher: JobDispatcher,
    private readonly queues: PipelineQueues,
    private readonly metrics: PipelineMetrics,
    private readonly deadLetters: DeadLettersService,
    private readonly stages: StageRunner,
    private readonly orm: MikroORM,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const s = this.queues.settings;
    for (const queue of QUEUES) {
      const worker = new Worker(queue, (job, token) => this.dispatcher.dispatch(job, token, this.stopping.signal), {
        connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
        prefix: this.config.redisPrefix,
        concurrency: { pipeline: s.concurrency, maintenance: 1, recordings: s.recordings.workers, webhooks: this.config.webhooks.concurrency }[queue],
        lockDuration: s.lockMs,
        stalledInterval: s.stalledIntervalMs,
        maxStalledCount: 2,
      });
      worker.on('completed', (job) => this.observe(job, 'completed'));
      worker.on('failed', (job) => {
        if (job) void this.onFailed(job);
      });
      worker.on('error', (error) => this.logger.warn(`Worker ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    await this.queues.scheduleSweep(s.sweepEveryMs);
  }

  /** Lets running jobs finish; a process that dies instead leaves them to the stalled-job check. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.workers.map((w) => w.close()));
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
        scope.setTags({ queue: job.queueName, job: job.name, job_id: String(job.id), session_id: (job.data as Partial<SessionJobData>).sessionId });
        Sentry.captureException(new Error(`Job ${job.name} failed for good: ${job.failedReason}`));
      });
      await withContext(this.orm, async () => {
        await this.deadLetters.record(job);
        const stage = isJobName(job.name) ? JOBS[job.name].stage : undefined;
        if (stage) await this.stages.failed(job.data as SessionJobData, stage, job.failedReason);
      });
    } catch (error) {
      this.logger.error(`Could not dead-letter job ${job.id}: ${(error as Error).message}`);
    }
  }
}
