import { Module } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { UsersModule } from '#src/users/users.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { RecordingsModule } from '../recordings.module.js';
import { AudioUrlSigner } from './audio-url-signer.js';
import { PlaybackController } from './playback.controller.js';
import { PlaybackService } from './playback.service.js';

/** Playback over HTTP: served by api processes only, so it lives beside (not inside) the recording store's module. */
@Module({
  imports: [RecordingsModule, SessionsModule, WorkspacesModule, UsersModule],
  controllers: [PlaybackController],
  providers: [{ provide: AudioUrlSigner, inject: [MINA_CONFIG], useFactory: (config: MinaConfig) => new AudioUrlSigner(config.jwtSecret) }, PlaybackService],
  exports: [AudioUrlSigner],
})
export class PlaybackModule {}
