import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { AUDIO_STORE } from './audio-store.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingPartsRepository } from './live-audio/recording-parts.repository.js';
import { RecordingStore } from './recording-store.js';
import { RecordingsRepository } from './recordings.repository.js';
import { BLOB_STORE, type BlobStore } from './storage/blob-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';

/**
 * The recording store and its rows, without the HTTP and socket side: `worker` processes, which
 * load no HTTP modules, need it for the recording jobs too.
 */
@Module({
  providers: [
    { provide: BLOB_STORE, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => new LocalDiskBlobStore(config.recordingsDir) },
    {
      provide: AUDIO_STORE,
      inject: [MINA_CONFIG, BLOB_STORE],
      useFactory: (config: MinaConfig, blobs: BlobStore) => new RecordingStore(blobs, new WavCodec(), 'wav', join(config.recordingsDir, '.tmp')),
    },
    RecordingsRepository,
    RecordingPartsRepository,
  ],
  exports: [BLOB_STORE, AUDIO_STORE, RecordingsRepository, RecordingPartsRepository],
})
export class RecordingStoreModule {}
