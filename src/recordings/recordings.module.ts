import { Module } from '@nestjs/common';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { TranscriptionModule } from '#src/transcription/transcription.module.js';
import { LiveAudioArchiveService } from './live-audio/live-audio-archive.service.js';
import { RecordingStoreModule } from './recording-store.module.js';
import { RecordingsService } from './recordings.service.js';
import { SpeechRecognitionController } from './speech-recognition.controller.js';

/**
 * Where a session's audio lives once it leaves the spool: live audio as it is transcribed, audio
 * kept because no speech recognizer was configured, uploads; the store itself is RecordingStoreModule.
 */
@Module({
  imports: [RecordingStoreModule, SessionsModule, TranscriptionModule],
  controllers: [SpeechRecognitionController],
  providers: [RecordingsService, LiveAudioArchiveService],
  exports: [RecordingStoreModule, RecordingsService],
})
export class RecordingsModule {}
