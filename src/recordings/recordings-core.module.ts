import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { TranscriptionCoreModule } from '#src/transcription/transcription-core.module.js';
import { AUDIO_STORE } from './audio-store.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingFeeder } from './recording-feeder.js';
import { RecordingStore } from './recording-store.js';
import { RecordingsRepository } from './recordings.repository.js';
import { RecordingsService } from './recordings.service.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';
import { TranscribeRecordingProcessor } from './transcribe-recording.processor.js';

/**
 * The recording store and the transcription of stored recordings, without HTTP routes: `worker`
 * processes load it to run `transcribe-recording` jobs; api processes get it with the routes.
 */
@Module({
  imports: [SessionsCoreModule, TranscriptionCoreModule],
  providers: [
    { provide: AUDIO_STORE, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => new RecordingStore(new LocalDiskBlobStore(config.recordingsDir), new WavCodec(), 'wav', join(config.recordingsDir, '.tmp')) },
    RecordingsRepository,
    RecordingsService,
    RecordingFeeder,
    TranscribeRecordingProcessor,
  ],
  exports: [AUDIO_STORE, RecordingsRepository, RecordingsService],
})
export class RecordingsCoreModule {}
