import { Module } from '@nestjs/common';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { TranscriptionModule } from '#src/transcription/transcription.module.js';
import { AUDIO_STORE } from './audio-store.js';
import { audioStoreProvider, ffmpegInfoProvider } from './audio-store.provider.js';
import { FFMPEG_INFO } from './codec/ffmpeg.js';
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
    ffmpegInfoProvider,
    audioStoreProvider,
    RecordingsRepository,
    RecordingsService,
  ],
  exports: [AUDIO_STORE, FFMPEG_INFO, RecordingsRepository, RecordingsService],
})
export class RecordingsModule {}
