import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { type MinaConfig } from '#src/config/config.js';
import { DeadLettersRepository } from './dead-letters/dead-letters.repository.js';
import { JobDispatcher } from './job-dispatcher.js';
import { JobMetrics } from './job-metrics.js';
import { JobQueues, queueMapProvider } from './job-queues.js';
import { JobWorkers } from './job-workers.js';
import { QUEUES } from './jobs.js';

/**
 * The queues of the registry, for every role (every process produces jobs); their workers, the
 * boot check and the schedules only in `worker` and `all` processes. Global: any module adds jobs
 * through JobQueues and handles them with `@OnJob`.
 */
@Module({})
export class JobsModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const working = config.role !== 'api';
    const shared = [JobQueues, JobMetrics, DeadLettersRepository];
    return {
      module: JobsModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: { url: config.redisUrl }, prefix: config.redisPrefix }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
      ],
      providers: [queueMapProvider, ...shared, ...(working ? [JobDispatcher, JobWorkers] : [])],
      exports: [...shared, ...(working ? [JobWorkers] : [])],
    };
  }
}
