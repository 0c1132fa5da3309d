import { Global, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { ClientAddressMiddleware } from './client-address.js';

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ClientAddressMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
