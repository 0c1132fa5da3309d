import { Module } from '@nestjs/common';
import { TranscriptionCoreModule } from '#src/transcription/transcription-core.module.js';
import { RecordingsCoreModule } from './recordings-core.module.js';
import { SpeechRecognitionController } from './speech-recognition.controller.js';

/**
 * The recording store: where a session's audio lives once it leaves the spool (audio kept
 * because no speech recognizer was configured, uploads), and its HTTP routes.
 */
@Module({
  imports: [RecordingsCoreModule, TranscriptionCoreModule],
  controllers: [SpeechRecognitionController],
  exports: [RecordingsCoreModule],
})
export class RecordingsModule {}
