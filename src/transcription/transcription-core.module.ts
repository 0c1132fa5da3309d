import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { ResilienceModule } from '#src/resilience/resilience.module.js';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { asrProviderFactory } from './asr/asr-provider.factory.js';
import { ASR_PROVIDER } from './asr/asr-provider.js';
import { AudioDrainService } from './processing/audio-drain.service.js';
import { FinalsListeners } from './processing/finals-listeners.js';
import { LiveAudioArchivePort } from './processing/live-audio-archive.js';
import { ShutdownDrain } from './processing/shutdown-drain.js';
import { TranscriptionWorker } from './processing/transcription-worker.service.js';
import { AudioSpool } from './spool/audio-spool.service.js';
import { LeaseService } from './spool/lease.service.js';
import { TranscriptionEvents } from './transcription-events.service.js';
import { TranscriptionMetrics } from './transcription.metrics.js';
import { TRANSCRIPTION_OPTIONS, transcriptionOptions } from './transcription.options.js';
import { TranscriptionRepository } from './transcription.repository.js';

/**
 * The audio path without the socket gateway: spool, session processors, ASR providers. `worker`
 * processes load it to transcribe stored recordings; api processes get it with the gateway.
 */
@Module({
  imports: [SessionsCoreModule, ResilienceModule],
  providers: [
    { provide: TRANSCRIPTION_OPTIONS, inject: [MINA_CONFIG], useFactory: transcriptionOptions },
    asrProviderFactory,
    AudioSpool,
    LeaseService,
    TranscriptionRepository,
    TranscriptionMetrics,
    TranscriptionEvents,
    ShutdownDrain,
    LiveAudioArchivePort,
    FinalsListeners,
    TranscriptionWorker,
    AudioDrainService,
  ],
  exports: [
    ASR_PROVIDER,
    TRANSCRIPTION_OPTIONS,
    AudioSpool,
    LeaseService,
    TranscriptionRepository,
    TranscriptionMetrics,
    TranscriptionEvents,
    ShutdownDrain,
    LiveAudioArchivePort,
    FinalsListeners,
    TranscriptionWorker,
  ],
})
export class TranscriptionCoreModule {}
