import { Module, type DynamicModule } from '@nestjs/common';
import { type MinaConfig } from '#src/config/config.js';
import { BreakersController } from './breakers.controller.js';
import { SloSampler } from './slo-sampler.service.js';
import { SloSeriesRepository } from './slo-series.repository.js';
import { SloController } from './slo.controller.js';
import { SloService } from './slo.service.js';

/**
 * The sampler runs in every role (workers record the pipeline's latency); the admin endpoints
 * only where HTTP is served with its guards.
 */
@Module({})
export class SloModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: SloModule,
      controllers: config.role === 'worker' ? [] : [SloController, BreakersController],
      providers: [SloSampler, SloSeriesRepository, SloService],
      exports: [SloSampler, SloService],
    };
  }
}
