import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUuid } from '#src/common/uuid.pipe.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { BackupException } from './backup.exception.js';
import { HEADER_BYTES } from './backup-format.js';
import type { BackupManifest } from './backup-manifest.js';

const MANIFEST = /^([0-9a-f-]{36})\.manifest\.json$/;

/** Backups and their manifests in MINA_BACKUP_DIR; writes are atomic (temp file + rename). */
@Injectable()
export class BackupStore {
  private readonly logger = new Logger(BackupStore.name);
  readonly dir: string;

  constructor(@Inject(MINA_CONFIG) config: MinaConfig) {
    this.dir = config.backupDir;
  }

  /** Ids become file names: only UUIDs, so no id can point outside the directory. */
  private checked(id: string): string {
    const shown = id;
    if (!isUuid(id)) throw new BackupException('not-found', `backup ${shown} not found`);
    return id.toLowerCase();
  }

  fileName = (id: string): string => `${this.checked(id)}.backup`;
  filePath = (id: string): string => join(this.dir, this.fileName(id));
  partialPath = (id: string): string => `${this.filePath(id)}.partial`;
  private manifestPath = (id: string): string => join(this.dir, `${this.checked(id)}.manifest.json`);

  async save(manifest: BackupManifest): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.manifestPath(manifest.id);
    await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  async get(id: string): Promise<BackupManifest | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.manifestPath(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const manifest = JSON.parse(raw) as BackupManifest;
      if (manifest.format !== 'mina-backup' || manifest.id !== id.toLowerCase()) throw new Error('not a manifest of this backup');
      return manifest;
    } catch (error) {
      throw BackupException.corrupted(`its manifest cannot be read (${(error as Error).message})`);
    }
  }

  async require(id: string): Promise<BackupManifest> {
    const manifest = await this.get(id);
    if (!manifest) throw new BackupException('not-found', `backup ${id} not found in ${this.dir}`);
    return manifest;
  }

  /** Every readable manifest; an unreadable one is logged and skipped (verify or restore names it). */
  async list(): Promise<BackupManifest[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: BackupManifest[] = [];
    for (const name of names) {
      const id = MANIFEST.exec(name)?.[1];
      if (!id || !isUuid(id)) continue;
      try {
        const m = await this.get(id);
        if (m) out.push(m);
      } catch (error) {
        this.logger.warn(`Skipping ${name}: ${(error as Error).message}`);
      }
    }
    return out;
  }

  async readHeader(id: string): Promise<{ header: Buffer; size: number }> {
    const handle = await open(this.filePath(id), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? BackupException.corrupted(`its file ${this.fileName(id)} is missing`) : error;
    });
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
      return { header: header.subarray(0, bytesRead), size: (await handle.stat()).size };
    } finally {
      await handle.close();
    }
  }

  /** Manifest first: an interrupted removal leaves an unlisted file, never a listed backup without one. */
  async remove(id: string): Promise<void> {
    await rm(this.manifestPath(id), { force: true });
    await rm(this.filePath(id), { force: true });
    await rm(this.partialPath(id), { force: true });
  }
}
