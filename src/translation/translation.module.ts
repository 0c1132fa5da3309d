import { Module, type DynamicModule } from '@nestjs/common';
import { AiModule } from '#src/ai/ai.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { RedisModule } from '#src/redis/redis.module.js';
import { TranslationController } from './translation.controller.js';
import { TranslationRepository } from './translation.repository.js';
import { TranslationService } from './translation.service.js';

/**
 * Translations of sessions. Every role loads the service (its `translate` job handler runs where
 * workers run); only serving processes mount the routes. The pipeline's repositories come from
 * the global PipelineModule.
 */
@Module({})
export class TranslationModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: TranslationModule,
      imports: [AiModule, RedisModule],
      controllers: config.role !== 'worker' ? [TranslationController] : [],
      providers: [TranslationRepository, TranslationService],
    };
  }
}
