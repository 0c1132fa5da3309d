import { Module } from '@nestjs/common';
import { AUDIO_STORE } from './audio-store.js';
import { audioStoreProvider, ffmpegInfoProvider } from './audio-store.provider.js';
import { FFMPEG_INFO } from './codec/ffmpeg.js';
import { RecordingPartsRepository } from './live-audio/recording-parts.repository.js';
import { RecordingsRepository } from './recordings.repository.js';

/**
 * The recording store and its rows, without the HTTP and socket side: `worker` processes, which
 * load no HTTP modules, need it for the recording jobs too. The blob store under it (local disk
 * or a bucket) is the global RecordingStorageModule's.
 */
@Module({
  providers: [
    ffmpegInfoProvider,
    audioStoreProvider,
    RecordingsRepository,
    RecordingPartsRepository,
  ],
  exports: [FFMPEG_INFO, AUDIO_STORE, RecordingsRepository, RecordingPartsRepository],
})
export class RecordingStoreModule {}
