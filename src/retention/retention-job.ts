import { Injectable } from '@nestjs/common';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { ContentRetention, type RunResult } from './content-retention.js';

/**
 * The `apply-retention` job, daily by default (MINA_RETENTION_RUN_HOURS; scheduled in
 * src/jobs/job-schedules.ts): transcripts and tasks. Audio stays with `sweep-recordings`, which
 * runs hourly because `recordings.keep: false` promises that audio goes soon after it is
 * transcribed; both read the same resolved policy and legal holds.
 */
@Injectable()
export class RetentionJob {
  constructor(private readonly retention: ContentRetention) {}

  @OnJob('apply-retention')
  handle(): Promise<RunResult> {
    return this.retention.run(new Date());
  }
}
