import { Module } from '@nestjs/common';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { TranscriptionCoreModule } from '#src/transcription/transcription-core.module.js';
import { LiveAudioArchiveService } from './live-audio/live-audio-archive.service.js';
import { RecordingFeeder } from './recording-feeder.js';
import { RecordingStoreModule } from './recording-store.module.js';
import { RecordingsService } from './recordings.service.js';
import { TranscribeRecordingProcessor } from './transcribe-recording.processor.js';

/**
 * The recording store and the transcription of stored recordings, without HTTP routes: `worker`
 * processes load it to run `transcribe-recording` jobs; api processes get it with the routes.
 */
@Module({
  imports: [SessionsCoreModule, TranscriptionCoreModule, RecordingStoreModule],
  providers: [RecordingsService, RecordingFeeder, TranscribeRecordingProcessor, LiveAudioArchiveService],
  exports: [RecordingStoreModule, RecordingsService],
})
export class RecordingsCoreModule {}
