import { Module } from '@nestjs/common';
import { MeetingsModule } from '#src/meetings/meetings.module.js';
import { InsightsService } from '#src/pipeline/insights/insights.service.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** Session and meeting exports; InsightsService's repositories come from the global PipelineModule. */
@Module({
  imports: [SessionsModule, MeetingsModule, WorkspacesModule],
  controllers: [ExportsController],
  providers: [ExportsService, InsightsService],
})
export class ExportsModule {}
