import { Module } from '@nestjs/common';
import { FinalizeHooks } from './finalize-hooks.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/**
 * The session lifecycle without its HTTP routes: what `worker` processes (which serve no HTTP and
 * have no auth guards) need to transcribe recordings and finalize sessions.
 */
@Module({
  providers: [SessionsRepository, SessionsService, FinalizeHooks],
  exports: [SessionsRepository, SessionsService, FinalizeHooks],
})
export class SessionsCoreModule {}
