import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { TranscriptionModule } from '#src/transcription/transcription.module.js';
import { AUDIO_STORE } from './audio-store.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingStore } from './recording-store.js';
import { blobStoreFor } from './storage/blob-store.factory.js';
import { RecordingsRepository } from './recordings.repository.js';
import { RecordingsService } from './recordings.service.js';
import { SpeechRecognitionController } from './speech-recognition.controller.js';

/**
 * The recording store: where a session's audio lives once it leaves the spool (today: audio kept
 * because no speech recognizer was configured; uploads and playback build on it next).
 */
@Module({
  imports: [SessionsModule, TranscriptionModule],
  controllers: [SpeechRecognitionController],
  providers: [
    { provide: AUDIO_STORE, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => new RecordingStore(blobStoreFor(config), new WavCodec(), 'wav', join(config.recordingsDir, '.tmp')) },
    RecordingsRepository,
    RecordingsService,
  ],
  exports: [AUDIO_STORE, RecordingsRepository],
})
export class RecordingsModule {}
