import { Injectable } from '@nestjs/common';
import { Gauge, Histogram } from 'prom-client';
import { MetricsService } from '#src/observability/metrics.service.js';
import { JobQueues } from './job-queues.js';

const STATES = ['waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'failed'] as const;

/** Queue depth by queue and state (read from Redis at scrape time) and job durations by queue, job and outcome. */
@Injectable()
export class JobMetrics {
  readonly jobDuration: Histogram<'queue' | 'name' | 'state'>;

  constructor(metrics: MetricsService, queues: JobQueues) {
    this.jobDuration = new Histogram({
      name: 'mina_job_duration_seconds',
      help: 'Time a job spent processing, by queue, job name and final state (completed, failed)',
      labelNames: ['queue', 'name', 'state'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'mina_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        await Promise.all(
          queues.all.map(async (queue) => {
            const counts = await queue.getJobCounts(...STATES).catch(() => undefined);
            if (!counts) return;
            for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }
}
