import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { ResilienceModule } from '#src/resilience/resilience.module.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { UsersModule } from '#src/users/users.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { asrProviderFactory } from './asr/asr-provider.factory.js';
import { ASR_PROVIDER } from './asr/asr-provider.js';
import { AudioDrainService } from './processing/audio-drain.service.js';
import { LiveAudioArchivePort } from './processing/live-audio-archive.js';
import { ShutdownDrain } from './processing/shutdown-drain.js';
import { TranscriptionWorker } from './processing/transcription-worker.service.js';
import { SocketAuthService } from './socket-auth.service.js';
import { AudioSpool } from './spool/audio-spool.service.js';
import { LeaseService } from './spool/lease.service.js';
import { TranscriptionEvents } from './transcription-events.service.js';
import { TranscriptionGateway } from './transcription.gateway.js';
import { TranscriptionMetrics } from './transcription.metrics.js';
import { TRANSCRIPTION_OPTIONS, transcriptionOptions } from './transcription.options.js';
import { TranscriptionRepository } from './transcription.repository.js';

/** Socket.IO gateway, durable audio spool, session processors and ASR providers (the signal path is in ./audio). */
@Module({
  imports: [AuthModule, UsersModule, WorkspacesModule, SessionsModule, ResilienceModule],
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
    TranscriptionWorker,
    AudioDrainService,
    SocketAuthService,
    TranscriptionGateway,
  ],
  exports: [ASR_PROVIDER, TRANSCRIPTION_OPTIONS, TranscriptionWorker, AudioSpool, TranscriptionEvents, LiveAudioArchivePort],
})
export class TranscriptionModule {}
