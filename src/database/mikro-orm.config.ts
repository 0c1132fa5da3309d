import { type Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { MIGRATIONS } from '#migrations/index.js';
import { type MinaConfig } from '../config/config.js';
import { ENTITIES } from './entities.js';

export type DatabaseTarget =
  | { kind: 'postgresql'; url: string; replicas: string[] }
  | { kind: 'pglite'; dataDir: string };

export function databaseTarget(config: Pick<MinaConfig, 'databaseUrl' | 'databaseReplicaUrls' | 'pgliteDir'>): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgresql', url: config.databaseUrl, replicas: config.databaseReplicaUrls };
  return { kind: 'pglite', dataDir: config.pgliteDir };
}

/** One ORM configuration for both drivers; the same migrations build both schemas. */
export function ormOptions(target: DatabaseTarget, extra: Partial<Options> = {}): Options {
  const common: Partial<Options> = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      migrationsList: MIGRATIONS,
      fileName: (timestamp, name) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    allowGlobalContext: false,
    debug: false,
    ...extra,
  };
  if (target.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target.url,
      // 40: one worker process runs hundreds of pipeline jobs at once, each a chain of short queries.
      pool: { min: 0, max: 40 },
      replicas: target.replicas.map((url) => ({ clientUrl: url })),
    } as Options;
  }
  if (!target.dataDir.startsWith('memory:')) mkdirSync(target.dataDir, { recursive: true });
  return { ...common, driver: PgliteDriver, dbName: target.dataDir } as Options;
}
