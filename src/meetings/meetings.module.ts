import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { TemplatesCoreModule } from '#src/templates/templates.module.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [WorkspacesModule, TemplatesCoreModule],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
