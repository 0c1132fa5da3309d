import { Inject, Injectable } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '#src/audit/audit.service.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { BackupException } from './backup.exception.js';
import type { Actor, BackupManifest } from './backup-manifest.js';
import { backupSettings, type BackupSettings } from './backup-settings.js';
import { BackupReader } from './backup.reader.js';
import { BackupStore } from './backup.store.js';
import { CopyCounter } from './copy-counter.js';
import { compareState, MIGRATIONS_TABLE, readDatabaseState } from './database-state.js';
import { runTool } from './pg-tools.js';
import { RestoreTargetRepository } from './restore-target.repository.js';
import type * as Views from '@mina/contract/views';

export type VerifyResult = Views.BackupVerification;

/**
 * Verifies a backup without restoring it: checksum, decryption with its auth tag, then the whole
 * archive read back (`pg_restore -f -`, every COPY block counted) or the PGlite data directory
 * started in memory, and row counts and migrations compared with the manifest.
 */
@Injectable()
export class BackupVerifier {
  private readonly settings: BackupSettings;

  constructor(
    private readonly reader: BackupReader,
    private readonly store: BackupStore,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = backupSettings(config);
  }

  async verify(id: string, actor: Actor = {}): Promise<VerifyResult> {
    this.reader.key();
    const manifest = await this.store.require(id);
    if (manifest.status !== 'completed') throw new BackupException('not-completed', `backup ${id} is ${manifest.status}; only completed backups can be verified`);
    const started = Date.now();
    const problems = await this.problems(manifest);
    const ok = problems.length === 0;
    const at = new Date().toISOString();
    const latest = (await this.store.get(id)) ?? manifest;
    await this.store.save({ ...latest, verification: { ok, problems }, ...(ok ? { verifiedAt: at } : {}) });
    const durationMs = Date.now() - started;
    await this.audit.record({ actorId: actor.actorId, ip: actor.ip, action: 'backup.verified', target: `backup:${id}`, data: { ok, problems, durationMs } });
    return { id, ok, problems, verifiedAt: ok ? at : (latest.verifiedAt ?? null), durationMs };
  }

  private async problems(manifest: BackupManifest): Promise<string[]> {
    try {
      await this.reader.check(manifest.id);
      return manifest.kind === 'postgresql' ? await this.readArchive(manifest) : await this.startDataDir(manifest);
    } catch (error) {
      if (error instanceof BackupException) return error.problems;
      throw error;
    }
  }

  private async readArchive(manifest: BackupManifest): Promise<string[]> {
    const restore = runTool(this.settings.pgRestore, ['--file=-'], process.env, { stdin: 'pipe', stdout: 'pipe' });
    const counter = new CopyCounter(new Set([MIGRATIONS_TABLE]));
    const [decrypted, tool, counted] = await Promise.allSettled([
      this.reader.decrypt(manifest, restore.child.stdin!),
      restore.done,
      pipeline(restore.child.stdout!, counter),
    ]);
    // A decryption failure explains whatever pg_restore then said about a cut-off stream.
    if (decrypted.status === 'rejected' && decrypted.reason instanceof BackupException) throw decrypted.reason;
    if (tool.status === 'rejected') throw tool.reason;
    if (decrypted.status === 'rejected') throw decrypted.reason;
    if (counted.status === 'rejected') throw BackupException.corrupted(`the archive ends inside a data block (${(counted.reason as Error).message})`);
    return compareState(
      { tables: manifest.tables ?? {}, migrations: manifest.migrations ?? [] },
      { tables: counter.tables, migrations: counter.column(MIGRATIONS_TABLE, 'name') },
    );
  }

  private async startDataDir(manifest: BackupManifest): Promise<string[]> {
    const tar = await this.reader.decryptToBuffer(manifest);
    let state;
    try {
      state = await RestoreTargetRepository.withPgliteDataDir('memory://', tar, readDatabaseState);
    } catch (error) {
      throw BackupException.corrupted(`PGlite cannot start from its data directory (${(error as Error).message})`);
    }
    return compareState({ tables: manifest.tables ?? {}, migrations: manifest.migrations ?? [] }, state);
  }
}
