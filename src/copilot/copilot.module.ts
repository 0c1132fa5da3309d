import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { MinaConfig } from '#src/config/config.js';
import { SessionsCoreModule } from '#src/sessions/sessions-core.module.js';
import { TranscriptionCoreModule } from '#src/transcription/transcription-core.module.js';
import { CopilotDetector } from './copilot-detector.js';
import { CopilotReconciler } from './copilot-reconciler.js';
import { CopilotScanner } from './copilot-scan.js';
import { CopilotScheduler } from './copilot-scheduler.js';
import { CopilotController } from './copilot.controller.js';
import { CopilotRepository } from './copilot.repository.js';
import { CopilotService } from './copilot.service.js';

/**
 * The live copilot. Every process that transcribes schedules scans (CopilotScheduler follows the
 * finals); `worker` and `all` processes run them and reconcile at finalization; api processes
 * serve the items' routes.
 */
@Module({})
export class CopilotModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const working = config.role !== 'api';
    const serving = config.role !== 'worker';
    const providers: Provider[] = [
      CopilotRepository,
      CopilotScheduler,
      ...(working ? [CopilotDetector, CopilotScanner, CopilotReconciler] : []),
      ...(serving ? [CopilotService] : []),
    ];
    const controllers: Type[] = serving ? [CopilotController] : [];
    return {
      module: CopilotModule,
      imports: [SessionsCoreModule, TranscriptionCoreModule],
      providers,
      controllers,
    };
  }
}
