import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { UsersModule } from '#src/users/users.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { SocketAuthService } from './socket-auth.service.js';
import { TranscriptionCoreModule } from './transcription-core.module.js';
import { TranscriptionGateway } from './transcription.gateway.js';

/** Socket.IO gateway over the audio path of TranscriptionCoreModule (the signal path is in ./audio). */
@Module({
  imports: [AuthModule, UsersModule, WorkspacesModule, SessionsModule, TranscriptionCoreModule],
  providers: [SocketAuthService, TranscriptionGateway],
  exports: [TranscriptionCoreModule],
})
export class TranscriptionModule {}
