import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { AUDIO_STORE } from './audio-store.js';
import { audioStoreProvider, ffmpegInfoProvider } from './audio-store.provider.js';
import { FFMPEG_INFO } from './codec/ffmpeg.js';
import { RecordingPartsRepository } from './live-audio/recording-parts.repository.js';
import { RecordingsRepository } from './recordings.repository.js';
import { BLOB_STORE } from './storage/blob-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';

/**
 * The recording store and its rows, without the HTTP and socket side: `worker` processes, which
 * load no HTTP modules, need it for the recording jobs too.
 */
@Module({
  providers: [
    ffmpegInfoProvider,
    { provide: BLOB_STORE, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => new LocalDiskBlobStore(config.recordingsDir) },
    audioStoreProvider,
    RecordingsRepository,
    RecordingPartsRepository,
  ],
  exports: [FFMPEG_INFO, BLOB_STORE, AUDIO_STORE, RecordingsRepository, RecordingPartsRepository],
})
export class RecordingStoreModule {}
