import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.service.js';
import { MetricsService } from './metrics.service.js';

@Global()
@Module({ providers: [MetricsService, MetricsServer], controllers: [MetricsController], exports: [MetricsService, MetricsServer] })
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
