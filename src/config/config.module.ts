import { Global, Module, type DynamicModule } from '@nestjs/common';
import { type MinaConfig } from './config.js';

export const MINA_CONFIG = Symbol('MINA_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: MINA_CONFIG, useValue: config }],
      exports: [MINA_CONFIG],
    };
  }
}
