import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { FileStore } from '@tus/file-store';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';

/**
 * The tus upload files under MINA_UPLOADS_DIR: one data file and one `.json` info file per upload.
 * They stay until the upload is ingested (or found a duplicate, cancelled, expired); the offset
 * tus reports is the data file's size, so an upload resumes after a restart from what is on disk.
 */
@Injectable()
export class UploadFiles {
  readonly store: FileStore;

  constructor(@Inject(MINA_CONFIG) private readonly config: MinaConfig) {
    this.store = new FileStore({ directory: config.uploadsDir });
  }

  path(id: string): string {
    return join(this.config.uploadsDir, id);
  }

  /** Bytes on disk for the upload, or null when it has no file (never created, or removed). */
  async offset(id: string): Promise<number | null> {
    try {
      return (await this.store.getUpload(id)).offset;
    } catch {
      return null;
    }
  }

  /** Streamed: a 2 GiB upload is never in memory. */
  async sha256(id: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.path(id)), hash);
    return hash.digest('hex');
  }

  /** Removes both files; an upload already gone is fine. */
  async remove(id: string): Promise<void> {
    await this.store.remove(id).catch(() => this.store.configstore.delete(id).catch(() => undefined));
  }
}
