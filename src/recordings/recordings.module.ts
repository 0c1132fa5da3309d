import { Module } from '@nestjs/common';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { TranscriptionModule } from '#src/transcription/transcription.module.js';
import { LiveAudioArchiveService } from './live-audio/live-audio-archive.service.js';
import { RecordingStoreModule } from './recording-store.module.js';
import { RecordingsService } from './recordings.service.js';
import { SpeechRecognitionController } from './speech-recognition.controller.js';

/**
 * The recording store: where a session's audio lives once it leaves the spool (live audio as it
 * is transcribed, audio kept because no speech recognizer was configured; uploads and playback
 * build on it next).
 */
@Module({
  imports: [RecordingStoreModule, SessionsModule, TranscriptionModule],
  controllers: [SpeechRecognitionController],
  providers: [RecordingsService, LiveAudioArchiveService],
  exports: [RecordingStoreModule],
})
export class RecordingsModule {}
