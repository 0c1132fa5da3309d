import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { MinaException } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { bearerMatches } from './metrics-access.js';
import { MetricsService } from './metrics.service.js';

/**
 * /metrics on the API port. Metric labels name routes, queues and load: not for the public. It answers
 * only with MINA_METRICS_TOKEN as a bearer token, or to anyone when MINA_METRICS_PUBLIC is set (a
 * private network); otherwise it is not served here (MINA_METRICS_PORT serves it on its own port).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const { metricsPublic, metricsToken } = this.config;
    if (!metricsPublic) {
      if (metricsToken === undefined) throw new MinaException('NOT_FOUND', 'Metrics are not served on this port (see MINA_METRICS_PORT and MINA_METRICS_TOKEN)');
      if (!bearerMatches(authorization, metricsToken)) throw new MinaException('UNAUTHENTICATED', 'Send Authorization: Bearer <MINA_METRICS_TOKEN>');
    }
    return this.metrics.registry.metrics();
  }
}
