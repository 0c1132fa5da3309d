import { Module } from '@nestjs/common';
import { MarkersController } from './markers.controller.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsCoreModule } from './sessions-core.module.js';

@Module({
  imports: [SessionsCoreModule],
  controllers: [SessionsController, MarkersController],
  exports: [SessionsCoreModule],
})
export class SessionsModule {}
