import { Module, type DynamicModule } from '@nestjs/common';
import { type MinaConfig } from '#src/config/config.js';

/** BullMQ flow after finalization: refine → (analytics ∥ tasks ∥ summary) → reveal. */
@Module({})
export class PipelineModule {
  static forRoot(_config: MinaConfig): DynamicModule {
    return { module: PipelineModule };
  }
}
