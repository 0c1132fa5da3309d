import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { type MinaConfig } from '../config/config.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { MigrationRunner } from './migration-runner.js';
import { databaseTarget, ormOptions } from './mikro-orm.config.js';

/** The exclusive lock on the PGlite data directory this process opened; null for PostgreSQL and `memory://`. */
export const DATA_DIR_LOCK = Symbol('DATA_DIR_LOCK');

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_DIR_LOCK) private readonly lock: DataDirLock | null) {}

  static forRoot(config: MinaConfig): DynamicModule {
    const target = databaseTarget(config);
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: target.kind === 'pglite' ? PgliteDriver : PostgreSqlDriver,
          // The ORM opens the directory only once this process holds its lock.
          inject: [DATA_DIR_LOCK],
          useFactory: () => ({ ...ormOptions(target), registerRequestContext: true }),
        }) as DynamicModule,
      ],
      providers: [
        {
          provide: DATA_DIR_LOCK,
          useFactory: async (): Promise<DataDirLock | null> =>
            target.kind === 'pglite' && !target.dataDir.startsWith('memory:') ? lockDataDir(target.dataDir, { staleMs: config.pgliteLockStaleMs }) : null,
        },
        MigrationRunner,
      ],
      exports: [MigrationRunner, DATA_DIR_LOCK],
    };
  }

  /** Global modules shut down after the ORM's (imported later, so reversed first): the directory is closed here. */
  async onApplicationShutdown(): Promise<void> {
    await this.lock?.release();
  }
}
