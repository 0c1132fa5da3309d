import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/pipeline/on-job.decorator.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { ContentRetention, type RunResult } from './content-retention.js';

/**
 * The `apply-retention` job, daily by default (MINA_RETENTION_RUN_HOURS): transcripts and tasks.
 * Audio stays with `sweep-recordings`, which runs hourly because `recordings.keep: false` promises
 * that audio goes soon after it is transcribed; both read the same resolved policy and legal holds.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  constructor(
    private readonly retention: ContentRetention,
    private readonly queues: PipelineQueues,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.scheduleSweep(this.config.retentionRunHours * 3_600_000, 'apply-retention');
  }

  @OnJob('apply-retention')
  handle(): Promise<RunResult> {
    return this.retention.run(new Date());
  }
}
