import { Module } from '@nestjs/common';
import { ContentRetention } from './content-retention.js';
import { ContentRetentionRepository } from './content-retention.repository.js';
import { RecordingSweep } from './recording-sweep.js';
import { RetentionJob } from './retention-job.js';
import { RetentionRepository } from './retention.repository.js';

/**
 * Retention as jobs: `sweep-recordings` (audio, hourly) and `apply-retention` (transcripts and
 * tasks, daily), and the one owner of the retention providers: RetentionApiModule imports it for
 * the preview. Loaded in every process; its jobs only run where the job workers are (`worker`,
 * `all`), an `api` process has no dispatcher to call them.
 */
@Module({
  providers: [RetentionRepository, ContentRetentionRepository, ContentRetention, RecordingSweep, RetentionJob],
  exports: [RetentionRepository, ContentRetentionRepository, ContentRetention],
})
export class RetentionModule {}
