import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller.js';
import { InsightsService } from './insights.service.js';

/** HTTP side of the pipeline (api and all roles); repositories come from the global PipelineModule. */
@Module({ controllers: [InsightsController], providers: [InsightsService] })
export class InsightsModule {}
