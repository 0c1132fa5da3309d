import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { TokenUsageController } from './token-usage.controller.js';

/** Workspace analytics endpoints; AnalyticsRepository and token usage come from the global PipelineModule. */
@Module({ controllers: [AnalyticsController, TokenUsageController], providers: [AnalyticsService] })
export class AnalyticsModule {}
