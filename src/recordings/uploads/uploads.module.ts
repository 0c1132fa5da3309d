import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { MinaConfig } from '#src/config/config.js';
import { FinalizeHooks } from '#src/sessions/finalize-hooks.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { SessionsRepository } from '#src/sessions/sessions.repository.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { audioStoreProvider, ffmpegInfoProvider } from '../audio-store.provider.js';
import { RecordingsModule } from '../recordings.module.js';
import { RecordingsRepository } from '../recordings.repository.js';
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
 * the session services as plain providers, as the pipeline module does.
 */
@Module({})
export class UploadsModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const serving = config.role !== 'worker';
    const working = config.role !== 'api';
    const jobs: Provider[] = working ? [IngestUploadJob, ExpireUploadsJob] : [];
    return {
      module: UploadsModule,
      imports: serving ? [SessionsModule, RecordingsModule] : [],
      controllers: serving ? [UploadsController] : [],
      providers: [
        UploadsRepository,
        UploadFiles,
        UploadsService,
        ...(serving ? [UploadsTus] : [ffmpegInfoProvider, audioStoreProvider, RecordingsRepository, SessionsRepository, SessionsService, FinalizeHooks]),
        ...jobs,
      ],
    };
  }
}
