import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { type MinaConfig } from '../config/config.js';
import { MigrationRunner } from './migration-runner.js';
import { databaseTarget, ormOptions } from './mikro-orm.config.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(databaseTarget(config)), registerRequestContext: true }) as DynamicModule],
      providers: [MigrationRunner],
      exports: [MigrationRunner],
    };
  }
}
