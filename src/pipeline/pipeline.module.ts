import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { AiModule } from '#src/ai/ai.module.js';
import { AnalyticsModule } from '#src/analytics/analytics.module.js';
import { AnalyticsRepository } from '#src/analytics/analytics.repository.js';
import { type MinaConfig } from '#src/config/config.js';
import { ResilienceModule } from '#src/resilience/resilience.module.js';
import { SearchModule } from '#src/search/search.module.js';
import { PIPELINE_LAUNCHER } from '#src/sessions/pipeline-launcher.js';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { SessionsModule } from '#src/sessions/sessions.module.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import { AbandonedSweep } from './abandoned-sweep.js';
import { DeadLettersModule } from './dead-letters/dead-letters.module.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { ExtractedTasksRepository } from './extracted-tasks.repository.js';
import { InsightsModule } from './insights/insights.module.js';
import { PipelineEvents } from './pipeline-events.js';
import { PipelineLauncherService } from './pipeline-launcher.service.js';
import { PipelineMetrics } from './pipeline-metrics.js';
import { PIPELINE_FLOWS, PipelineQueues } from './pipeline-queues.js';
import { PipelineRepository } from './pipeline.repository.js';
import { ProvisionalInsightsPort } from './provisional-insights.js';
import { AnalyticsStage } from './stages/analytics.stage.js';
import { AudioGate } from './stages/audio-gate.js';
import { FlowStages } from './stages/flow.stages.js';
import { RefineStage } from './stages/refine.stage.js';
import { StageInputs } from './stages/stage-input.js';
import { StageRunner } from './stages/stage-runner.js';
import { SummaryStage } from './stages/summary.stage.js';
import { TasksStage } from './stages/tasks.stage.js';
import { SummaryRepository } from './summary.repository.js';

const SHARED = [
  PipelineQueues,
  PipelineEvents,
  PipelineMetrics,
  PipelineRepository,
  SummaryRepository,
  ExtractedTasksRepository,
  AnalyticsRepository,
  DeadLettersService,
  PipelineLauncherService,
  ProvisionalInsightsPort,
];

/** Processors and what they need; only `worker` and `all` processes run them. */
const WORKING: Provider[] = [
  StageRunner,
  StageInputs,
  AudioSpool,
  AudioGate,
  RefineStage,
  AnalyticsStage,
  TasksStage,
  SummaryStage,
  FlowStages,
  AbandonedSweep,
];


/**
 * BullMQ flow after finalization: refine → (analytics ∥ tasks ∥ summary) → reveal. Global, so
 * SessionsService finds PIPELINE_LAUNCHER. `api` processes only produce jobs; their HTTP modules
 * (insights, analytics, search, dead letters) are not loaded in `worker` processes, which have no auth guards.
 */
@Module({})
export class PipelineModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const working = config.role !== 'api';
    const serving = config.role !== 'worker';
    const http: Type[] = serving ? [InsightsModule, AnalyticsModule, SearchModule, DeadLettersModule] : [];
    return {
      module: PipelineModule,
      global: true,
      imports: [
        ResilienceModule,
        AiModule,
        BullModule.registerFlowProducer({ name: PIPELINE_FLOWS }),
        ...http,
        // A `worker` loads no HTTP modules: the session lifecycle without its routes (same finalize, same drain).
        ...(working ? [serving ? SessionsModule : SessionsCoreModule] : []),
      ],
      providers: [
        ...SHARED,
        { provide: PIPELINE_LAUNCHER, useExisting: PipelineLauncherService },
        ...(working ? WORKING : []),
      ],
      exports: [...SHARED, PIPELINE_LAUNCHER, AiModule],
    };
  }
}
