import { PGlite } from '@electric-sql/pglite';
import { MikroORM } from '@mikro-orm/core';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AuditService, type AuditEntry } from '#src/audit/audit.service.js';
import { ormOptions } from '#src/database/mikro-orm.config.js';
import { BackupException } from './backup.exception.js';
import { readDatabaseState, userObjects, type DatabaseState, type Query } from './database-state.js';
import { redactUrl } from './pg-tools.js';

export type RestoreTargetSpec = { kind: 'postgresql'; url: string } | { kind: 'pglite'; dir: string };

/** `postgres://…` names a PostgreSQL database; anything else is the directory of a new PGlite cluster. */
export function parseRestoreTarget(target: string): RestoreTargetSpec {
  if (/^postgres(ql)?:\/\//i.test(target)) return { kind: 'postgresql', url: target };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) throw new BackupException('kind-mismatch', `--target must be a postgres:// URL or a directory (got ${redactUrl(target)})`);
  return { kind: 'pglite', dir: resolve(target.replace(/^pglite:/, '')) };
}

export const describeTarget = (spec: RestoreTargetSpec): string => (spec.kind === 'postgresql' ? redactUrl(spec.url) : spec.dir);

/** A database a backup is restored into: its own short-lived connection, never the app's. */
export class RestoreTargetRepository {
  private constructor(private readonly orm: MikroORM) {}

  static async open(spec: RestoreTargetSpec): Promise<RestoreTargetRepository> {
    const target = spec.kind === 'postgresql' ? { kind: spec.kind, url: spec.url, replicas: [] } : { kind: spec.kind, dataDir: spec.dir };
    // ensureDatabase off: a missing database is the operator's to create, not ours to guess.
    return new RestoreTargetRepository(await MikroORM.init(ormOptions(target, { ensureDatabase: false })));
  }

  private readonly query: Query = async (sql) => (await this.orm.em.getConnection().execute(sql)) as Record<string, unknown>[];

  /** Up to `limit`+1 user objects; none means the database is empty. */
  objects(limit = 10): Promise<string[]> {
    return userObjects(this.query, limit);
  }

  state(): Promise<DatabaseState> {
    return readDatabaseState(this.query);
  }

  /** The restored database keeps the record of its own restore. */
  audit(entry: AuditEntry): Promise<void> {
    return new AuditService(this.orm.em).record(entry);
  }

  close(): Promise<void> {
    return this.orm.close(true);
  }

  /** A PGlite target is a directory that does not exist yet or is empty. */
  static async pgliteDirIsEmpty(dir: string): Promise<boolean> {
    try {
      return (await readdir(dir)).length === 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
  }

  /** Starts PGlite on `dataDir` from the tarball (`memory://` for a throwaway check) and hands it to `fn`. */
  static async withPgliteDataDir<T>(dataDir: string, tar: Buffer, fn: (query: Query) => Promise<T>): Promise<T> {
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([new Uint8Array(tar)]) });
    try {
      return await fn(async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows);
    } finally {
      await pglite.close();
    }
  }
}
