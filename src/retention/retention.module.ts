import { Module } from '@nestjs/common';
import { ContentRetention } from './content-retention.js';
import { ContentRetentionRepository } from './content-retention.repository.js';
import { RecordingSweep } from './recording-sweep.js';
import { RetentionJob } from './retention-job.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * Retention as jobs: `sweep-recordings` (audio, hourly) and `apply-retention` (transcripts and
 * tasks, daily). Loaded in processes that run jobs (`worker`, `all`).
 */
@Module({ providers: [RetentionRepository, ContentRetentionRepository, ContentRetention, RecordingSweep, RetentionJob] })
export class RetentionModule {}
