import { Inject, Injectable, Logger } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { PipelineEvents } from '#src/pipeline/pipeline-events.js';
import { UploadFiles } from './upload-files.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';

const BATCH = 200;
/** A finish that did not get through (a crash between the last byte and settling) is repaired after this. */
const SETTLE_GRACE_MS = 5 * 60_000;

/**
 * `expire-uploads` (maintenance queue, every 15 min, see src/jobs/job-schedules.ts): an upload that received nothing for
 * MINA_UPLOAD_EXPIRE_HOURS is discarded (file removed, session `error` UPLOAD_EXPIRED); one whose
 * bytes are all on disk but was never settled is settled now; one received but never ingested
 * (its job lost with Redis) is queued again.
 */
@Injectable()
export class ExpireUploadsJob {
  private readonly logger = new Logger(ExpireUploadsJob.name);

  constructor(
    private readonly repo: UploadsRepository,
    private readonly files: UploadFiles,
    private readonly uploads: UploadsService,
    private readonly events: PipelineEvents,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  @OnJob('expire-uploads')
  async sweep(): Promise<{ expired: number; settled: number; requeued: number }> {
    let expired = 0;
    let settled = 0;
    for (const row of await this.repo.stale(['uploading'], new Date(Date.now() - SETTLE_GRACE_MS), BATCH)) {
      const offset = await this.files.offset(row.id);
      if (offset !== null && offset === row.sizeBytes) {
        await this.uploads.finish(row.id);
        settled++;
        continue;
      }
      if (new Date(row.updatedAt).getTime() > Date.now() - this.config.uploadExpireMs) continue;
      const reason = { code: 'UPLOAD_EXPIRED', message: `Nothing was received for ${Math.round(this.config.uploadExpireMs / 3_600_000)} h; upload the file again` };
      if (!(await this.repo.moveUpload(row.id, ['uploading'], 'failed', { errorCode: reason.code, errorMessage: reason.message }))) continue;
      await this.files.remove(row.id);
      if (await this.repo.moveSession(row.sessionId, ['uploading'], 'error', { error: reason })) this.events.status(row.sessionId, 'error', { error: reason });
      expired++;
    }
    const received = await this.repo.stale(['received'], new Date(Date.now() - SETTLE_GRACE_MS), BATCH);
    for (const row of received) await this.uploads.enqueue(row);
    if (expired + settled + received.length > 0) this.logger.log(`Uploads: ${expired} expired, ${settled} settled late, ${received.length} queued again`);
    return { expired, settled, requeued: received.length };
  }
}
