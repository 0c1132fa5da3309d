import { Inject, Injectable, Logger } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { BackupException } from './backup.exception.js';
import type { BackupKind, BackupManifest } from './backup-manifest.js';
import { backupSettings, type BackupSettings } from './backup-settings.js';
import { BackupReader } from './backup.reader.js';
import { compareState, type DatabaseState } from './database-state.js';
import { libpqTarget, runTool } from './pg-tools.js';
import { describeTarget, parseRestoreTarget, RestoreTargetRepository, type RestoreTargetSpec } from './restore-target.repository.js';

export interface RestoreReport {
  id: string;
  kind: BackupKind;
  target: string;
  schemaVersion: string | null;
  tables: Record<string, number>;
  rows: number;
  /** From the start of the checks to the end of the verification. */
  durationMs: number;
}

/**
 * Restores a backup into an empty database and proves it: checksum, authenticated decryption,
 * pg_restore (or PGlite's data directory), then row counts and migrations equal to the manifest.
 * Needs no connection to the app's own database, which may be the one that is gone.
 */
@Injectable()
export class BackupRestorer {
  private readonly logger = new Logger(BackupRestorer.name);
  private readonly settings: BackupSettings;

  constructor(
    private readonly reader: BackupReader,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = backupSettings(config);
  }

  async restore(idOrLatest: string, target: string): Promise<RestoreReport> {
    const started = Date.now();
    const spec = parseRestoreTarget(target);
    const id = await this.reader.resolveId(idOrLatest);
    const manifest = await this.reader.check(id);
    if (manifest.kind !== spec.kind) {
      throw new BackupException('kind-mismatch', `backup ${id} is a ${manifest.kind} backup; restore it into ${manifest.kind === 'postgresql' ? 'a postgres:// database' : 'a PGlite directory'}`);
    }
    const state = spec.kind === 'postgresql' ? await this.restorePostgres(manifest, spec) : await this.restorePglite(manifest, spec);
    return {
      id,
      kind: manifest.kind,
      target: describeTarget(spec),
      schemaVersion: manifest.schemaVersion ?? null,
      tables: state.tables,
      rows: Object.values(state.tables).reduce((a, b) => a + b, 0),
      durationMs: Date.now() - started,
    };
  }

  private async restorePostgres(manifest: BackupManifest, spec: Extract<RestoreTargetSpec, { kind: 'postgresql' }>): Promise<DatabaseState> {
    const target = await RestoreTargetRepository.open(spec);
    try {
      const objects = await target.objects();
      if (objects.length > 0) throw this.notEmpty(describeTarget(spec), objects);
      const work = await mkdtemp(join(this.settings.workDir, 'mina-restore-'));
      try {
        // Decrypted to a private file first: nothing reaches the database before the auth tag checks out,
        // and pg_restore can then load tables and build indexes in parallel.
        const dump = join(work, `${manifest.id}.pgdump`);
        await this.reader.decrypt(manifest, createWriteStream(dump, { mode: 0o600 }));
        const { url, env } = libpqTarget(spec.url);
        const args = ['--no-owner', '--no-privileges', '--exit-on-error', `--jobs=${this.settings.restoreJobs}`, `--dbname=${url}`, dump];
        await runTool(this.settings.pgRestore, args, env, { stdin: 'ignore', stdout: 'ignore' }).done.catch((error: Error) => {
          throw new BackupException('tool-failed', `${error.message}. The target is now partly restored: drop and recreate it before trying again.`);
        });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      return await this.proveAndRecord(manifest, target, describeTarget(spec));
    } finally {
      await target.close();
    }
  }

  private async restorePglite(manifest: BackupManifest, spec: Extract<RestoreTargetSpec, { kind: 'pglite' }>): Promise<DatabaseState> {
    if (!(await RestoreTargetRepository.pgliteDirIsEmpty(spec.dir))) throw this.notEmpty(spec.dir, ['(files in the directory)']);
    const tar = await this.reader.decryptToBuffer(manifest);
    await RestoreTargetRepository.withPgliteDataDir(spec.dir, tar, () => Promise.resolve());
    const target = await RestoreTargetRepository.open(spec);
    try {
      return await this.proveAndRecord(manifest, target, spec.dir);
    } finally {
      await target.close();
    }
  }

  private async proveAndRecord(manifest: BackupManifest, target: RestoreTargetRepository, where: string): Promise<DatabaseState> {
    const state = await target.state();
    const problems = compareState({ tables: manifest.tables ?? {}, migrations: manifest.migrations ?? [] }, state);
    if (problems.length > 0) {
      throw new BackupException('verification-failed', `restored database does not match backup ${manifest.id}: ${problems.join('; ')}`, problems);
    }
    await target.audit({
      action: 'backup.restored',
      target: `backup:${manifest.id}`,
      data: { kind: manifest.kind, into: where, backupFinishedAt: manifest.finishedAt, schemaVersion: manifest.schemaVersion, tables: state.tables },
    });
    this.logger.log(`Restored backup ${manifest.id} into ${where}`);
    return state;
  }

  private notEmpty(where: string, objects: string[]): BackupException {
    const shown = objects.slice(0, 10).join(', ') + (objects.length > 10 ? ', …' : '');
    return new BackupException('target-not-empty', `restore target ${where} is not empty (${shown}); restore only into a newly created, empty database`);
  }
}
