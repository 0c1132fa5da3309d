import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AuditService } from '#src/audit/audit.service.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { keyFingerprint } from './backup-format.js';
import { toListItem, type Actor, type BackupListItem, type BackupManifest, type BackupTrigger } from './backup-manifest.js';
import { backupSettings, type BackupSettings } from './backup-settings.js';
import { compressStream, DigestTap, encryptStream } from './backup-streams.js';
import { BackupReader } from './backup.reader.js';
import { BackupStore } from './backup.store.js';
import { BackupSourceRepository } from './backup-source.repository.js';
import type { DatabaseState } from './database-state.js';
import { libpqTarget, runTool } from './pg-tools.js';
import { housekeeping, planRetention } from './retention.js';

type Sealed = Pick<BackupManifest, 'sizeBytes' | 'sha256'>;

/** Takes backups (dump → compress → encrypt → MINA_BACKUP_DIR + manifest), lists them, applies retention. */
@Injectable()
export class BackupsService {
  static readonly sortable = ['createdAt', 'finishedAt', 'sizeBytes', 'status', 'kind'];
  private readonly logger = new Logger(BackupsService.name);
  readonly settings: BackupSettings;

  constructor(
    private readonly store: BackupStore,
    private readonly source: BackupSourceRepository,
    private readonly reader: BackupReader,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    this.settings = backupSettings(config);
  }

  async list(query: ListQuery): Promise<ListResult<BackupListItem>> {
    const f = query.filter;
    const matches = (value: string, wanted: unknown) => wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);
    const items = (await this.store.list())
      .filter((m) => matches(m.id, f.id) && matches(m.status, f.status) && matches(m.kind, f.kind))
      .map(toListItem);
    const { field, order } = query.sort;
    const value = (item: BackupListItem) => item[field as keyof BackupListItem];
    items.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      // Missing values (a running backup's size or finish time) sort last either way.
      if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (order === 'ASC' ? cmp : -cmp) || a.id.localeCompare(b.id);
    });
    return { total: items.length, items: items.slice(query.range.start, query.range.end + 1) };
  }

  get(id: string): Promise<BackupManifest> {
    return this.store.require(id);
  }

  /** Records a queued backup (the queue runs it); refused up front when there is no key. */
  async request(trigger: BackupTrigger, actor: Actor = {}): Promise<BackupManifest> {
    const manifest = this.draft(randomUUID(), trigger, this.reader.key());
    await this.store.save(manifest);
    await this.audit.record({ actorId: actor.actorId, ip: actor.ip, action: 'backup.requested', target: `backup:${manifest.id}`, data: { trigger } });
    return manifest;
  }

  private draft(id: string, trigger: BackupTrigger, key: Buffer): BackupManifest {
    return {
      format: 'mina-backup',
      formatVersion: 1,
      id,
      kind: this.source.target.kind,
      status: 'queued',
      trigger,
      createdAt: new Date().toISOString(),
      file: this.store.fileName(id),
      encryption: { algorithm: 'aes-256-gcm', keyFingerprint: keyFingerprint(key) },
      compression: 'zstd',
    };
  }

  /**
   * Takes the backup `id` (a queued one) or a new one, then applies retention. Safe to run again
   * for the same id (a job re-run after its worker died starts over; a finished one is left alone).
   */
  async run(options: { id?: string; trigger: BackupTrigger; actorId?: string }): Promise<BackupManifest> {
    const key = this.reader.key();
    const id = options.id ?? randomUUID();
    const existing = options.id ? await this.store.get(id) : undefined;
    if (existing?.status === 'completed') return existing;
    let manifest: BackupManifest = { ...(existing ?? this.draft(id, options.trigger, key)), status: 'running', startedAt: new Date().toISOString() };
    delete manifest.error;
    await this.store.save(manifest);
    const started = performance.now();
    const record = (action: string, data: Record<string, unknown>) =>
      this.audit.record({ actorId: options.actorId, action, target: `backup:${id}`, data: { trigger: options.trigger, kind: manifest.kind, ...data } });
    try {
      const { sealed, state } = manifest.kind === 'postgresql' ? await this.dumpPostgres(manifest, key) : await this.dumpPglite(manifest, key);
      await rename(this.store.partialPath(id), this.store.filePath(id));
      manifest = {
        ...manifest,
        ...sealed,
        status: 'completed',
        finishedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
        content: manifest.kind === 'postgresql' ? 'pg_dump-custom' : 'pglite-datadir-tar',
        schemaVersion: state.migrations.at(-1) ?? null,
        migrations: state.migrations,
        tables: state.tables,
        serverVersion: state.serverVersion,
      };
      await this.store.save(manifest);
      await record('backup.completed', { sizeBytes: manifest.sizeBytes, durationMs: manifest.durationMs, schemaVersion: manifest.schemaVersion });
      this.logger.log(`Backup ${id} completed: ${manifest.sizeBytes} bytes in ${manifest.durationMs} ms`);
    } catch (error) {
      const message = (error as Error).message;
      manifest = { ...manifest, status: 'failed', finishedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - started), error: message };
      await rm(this.store.partialPath(id), { force: true });
      await this.store.save(manifest);
      await record('backup.failed', { error: message });
      this.logger.error(`Backup ${id} failed: ${message}`);
      throw error;
    } finally {
      await this.applyRetention().catch((error: Error) => this.logger.error(`Retention failed: ${error.message}`));
    }
    return manifest;
  }

  private dumpPostgres(manifest: BackupManifest, key: Buffer): Promise<{ sealed: Sealed; state: DatabaseState }> {
    return this.source.withSnapshot(async (snapshot, state) => {
      const { url, env } = libpqTarget(this.config.databaseUrl!);
      const dump = runTool(this.settings.pgDump, ['--format=custom', '--compress=0', `--snapshot=${snapshot}`, `--dbname=${url}`], env, { stdin: 'ignore', stdout: 'pipe' });
      return { sealed: await this.seal(manifest, key, dump.child.stdout!, dump.done, () => dump.child.kill()), state };
    });
  }

  private async dumpPglite(manifest: BackupManifest, key: Buffer): Promise<{ sealed: Sealed; state: DatabaseState }> {
    const { tar, state } = await this.source.pgliteDataDir();
    return { sealed: await this.seal(manifest, key, Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>)), state };
  }

  /** source → zstd → AES-256-GCM → `<id>.backup.partial`, hashed on the way; fsynced before it counts. */
  private async seal(manifest: BackupManifest, key: Buffer, source: Readable, toolDone?: Promise<void>, abort?: () => void): Promise<Sealed> {
    const tap = new DigestTap();
    const written = pipeline(
      source,
      compressStream(manifest.compression, this.settings.compressionLevel),
      encryptStream(key, manifest.id, manifest.compression),
      tap,
      createWriteStream(this.store.partialPath(manifest.id), { mode: 0o600, flush: true }),
    );
    const [tool, write] = await Promise.allSettled([toolDone ?? Promise.resolve(), written]);
    if (write.status === 'rejected') abort?.();
    // pg_dump's own message says more than the broken pipe it leaves behind.
    if (tool.status === 'rejected') throw tool.reason;
    if (write.status === 'rejected') throw write.reason;
    return { sizeBytes: tap.bytes, sha256: tap.digest() };
  }

  /** GFS over completed backups, then stale and old failed ones; every removal is audited. */
  async applyRetention(now = new Date()): Promise<{ pruned: string[]; markedFailed: string[] }> {
    const all = await this.store.list();
    const chores = housekeeping(
      all.map((m) => ({ id: m.id, status: m.status, createdAt: new Date(m.createdAt), finishedAt: m.finishedAt ? new Date(m.finishedAt) : undefined })),
      now,
      this.settings,
    );
    for (const m of all.filter((x) => chores.markFailed.includes(x.id))) {
      await this.store.save({ ...m, status: 'failed', finishedAt: now.toISOString(), error: 'interrupted: the process running it stopped' });
    }
    const completed = all.filter((m) => m.status === 'completed' && m.finishedAt);
    const plan = planRetention(completed.map((m) => ({ id: m.id, at: new Date(m.finishedAt!) })), this.settings.retention);
    const pruned = [...plan.prune, ...chores.remove];
    for (const id of pruned) await this.store.remove(id);
    if (pruned.length > 0 || chores.markFailed.length > 0) {
      await this.audit.record({ action: 'backup.pruned', target: 'backups', data: { pruned, markedFailed: chores.markFailed, policy: this.settings.retention } });
    }
    return { pruned, markedFailed: chores.markFailed };
  }
}
