import { Module } from '@nestjs/common';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { RecordingStoreModule } from '../recording-store.module.js';
import { LiveAudioKeeper } from './live-audio-keeper.js';

/** The `keep-live-audio` job, in the processes that run jobs (`worker` and `all`). */
@Module({
  imports: [RecordingStoreModule],
  providers: [LiveAudioKeeper, AudioSpool],
})
export class LiveAudioModule {}
