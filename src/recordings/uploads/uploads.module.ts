import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { TranscriptionCoreModule } from '#src/transcription/transcription-core.module.js';
import { RecordingsCoreModule } from '../recordings-core.module.js';
import { RecordingsModule } from '../recordings.module.js';
import { ExpireUploadsJob } from './expire-uploads.job.js';
import { IngestUploadJob } from './ingest-upload.job.js';
import { UploadFiles } from './upload-files.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';
import { UploadsTus } from './uploads.tus.js';

/**
 * Resumable uploads: the tus endpoint and duplicate check in `api`/`all` processes, the
 * `ingest-upload` and `expire-uploads` jobs in `worker`/`all` ones. A `worker` process loads no
 * HTTP modules (their controllers would be unguarded there), so it gets the recording store and
 * the session services from the route-free core modules.
 */
@Module({})
export class UploadsModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const serving = config.role !== 'worker';
    const working = config.role !== 'api';
    const jobs: Provider[] = working ? [IngestUploadJob, ExpireUploadsJob] : [];
    return {
      module: UploadsModule,
      imports: serving ? [SessionsModule, RecordingsModule, TranscriptionCoreModule] : [SessionsCoreModule, RecordingsCoreModule, TranscriptionCoreModule],
      controllers: serving ? [UploadsController] : [],
      providers: [
        UploadsRepository,
        UploadFiles,
        UploadsService,
        ...(serving ? [UploadsTus] : []),
        ...jobs,
      ],
    };
  }
}
