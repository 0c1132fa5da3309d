import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { MinaConfig } from '#src/config/config.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WEBHOOK_EVENTS } from './webhook-events.port.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Signed webhooks. Global so that any module may publish through WEBHOOK_EVENTS; the routes load
 * in serving processes, the deliverer in working ones.
 */
@Global()
@Module({})
export class WebhooksModule {
  static forRoot(config: MinaConfig): DynamicModule {
    const serving = config.role !== 'worker';
    const working = config.role !== 'api';
    return {
      module: WebhooksModule,
      controllers: serving ? [WebhooksController] : [],
      providers: [WebhookOutbox, { provide: WEBHOOK_EVENTS, useExisting: WebhookOutbox }, ...(serving ? [WebhooksService] : []), ...(working ? [WebhookDeliverer] : [])],
      exports: [WEBHOOK_EVENTS],
    };
  }
}
