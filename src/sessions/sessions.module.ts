import { Module } from '@nestjs/common';
import { FinalizeHooks } from './finalize-hooks.js';
import { MarkersController } from './markers.controller.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

@Module({
  controllers: [SessionsController, MarkersController],
  providers: [SessionsRepository, SessionsService, FinalizeHooks],
  exports: [SessionsRepository, SessionsService, FinalizeHooks],
})
export class SessionsModule {}
