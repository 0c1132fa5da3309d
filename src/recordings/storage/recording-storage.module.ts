import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import type { BlobStore } from './blob-store.js';
import { BLOB_STORE } from './blob-store.js';
import { blobStoreFor } from './blob-store.factory.js';
import { S3BlobStore } from './s3-blob.store.js';

/**
 * The recording files' store (local disk or an S3-compatible bucket), for every process role:
 * api processes serve playback, workers write uploads and run the retention sweep. At start it
 * says where recordings go and whether that place answers; an unreachable bucket is logged
 * loudly but does not stop the process (live transcription does not need it; readiness reports it).
 */
@Global()
@Module({
  providers: [{ provide: BLOB_STORE, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => blobStoreFor(config) }],
  exports: [BLOB_STORE],
})
export class RecordingStorageModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RecordingStorage');

  constructor(@Inject(BLOB_STORE) private readonly store: BlobStore) {}

  /** Not awaited: a bucket that times out must not hold up the start. */
  onApplicationBootstrap(): void {
    this.store.check().then(
      () => this.logger.log(`Recordings are stored in ${this.store.location}`),
      (error: Error) =>
        this.logger.error(`Recording storage ${this.store.location} is not usable: ${error.message}. Keeping, uploading and playing recordings will fail until it is.`),
    );
  }

  onModuleDestroy(): void {
    if (this.store instanceof S3BlobStore) this.store.close();
  }
}
