import { IsolationLevel, MikroORM } from '@mikro-orm/core';
import type { PgliteConnection } from '@mikro-orm/pglite';
import { Inject, Injectable } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { databaseTarget, type DatabaseTarget } from '#src/database/mikro-orm.config.js';
import { readDatabaseState, type DatabaseState, type Query } from './database-state.js';

/** The database being backed up: the app's own connection, so that PGlite (one process only) works too. */
@Injectable()
export class BackupSourceRepository {
  readonly target: DatabaseTarget;

  constructor(
    private readonly orm: MikroORM,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.target = databaseTarget(config);
  }

  /**
   * Opens a read-only REPEATABLE READ transaction, exports its snapshot, reads row counts and
   * migrations in it and keeps it open while `dump` runs pg_dump with `--snapshot`: the
   * manifest describes exactly the data in the dump, whatever is written meanwhile.
   */
  withSnapshot<T>(dump: (snapshot: string, state: DatabaseState) => Promise<T>): Promise<T> {
    const connection = this.orm.em.getConnection();
    return connection.transactional(
      async (trx) => {
        const query: Query = (sql) => connection.execute(sql, [], 'all', trx) as Promise<Record<string, unknown>[]>;
        const [{ snapshot }] = (await query('select pg_export_snapshot() as snapshot')) as { snapshot: string }[];
        return dump(snapshot, await readDatabaseState(query));
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  /**
   * PGlite's own dump: a tarball of its data directory, taken inside an exclusive transaction
   * (every other query waits) right after a checkpoint, with the counts read in the same moment.
   */
  async pgliteDataDir(): Promise<{ tar: Blob; state: DatabaseState }> {
    const pglite = await (this.orm.em.getConnection() as unknown as PgliteConnection).getNativeClient();
    await pglite.exec('checkpoint');
    return pglite.transaction(async (tx) => {
      const state = await readDatabaseState(async (sql) => (await tx.query<Record<string, unknown>>(sql)).rows);
      return { tar: await pglite.dumpDataDir('none'), state };
    });
  }
}
