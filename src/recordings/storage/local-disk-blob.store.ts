import { constants } from 'node:fs';
import { access, copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStat, BlobStore } from './blob-store.js';

/**
 * Recording files on local disk under one root (`MINA_RECORDINGS_DIR`, default
 * `MINA_DATA_DIR/recordings`). A file is fsynced, renamed into place and its directory fsynced,
 * so a crash leaves either the whole file or none.
 */
export class LocalDiskBlobStore implements BlobStore {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  get location(): string {
    return this.root;
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }

  async putFile(key: string, file: string): Promise<void> {
    const final = this.resolve(key);
    await mkdir(dirname(final), { recursive: true });
    await syncFile(file);
    try {
      await rename(file, final);
    } catch (error) {
      // The temporary file is on another file system: copy beside the target, then rename.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const beside = `${final}.${process.pid}.tmp`;
      await copyFile(file, beside);
      await syncFile(beside);
      await rename(beside, final);
      await rm(file, { force: true });
    }
    await syncFile(dirname(final));
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    // Opened here, so a missing file throws now rather than on the stream's first read.
    const handle = await open(this.resolve(key), 'r');
    return handle.createReadStream({ autoClose: true, ...(range ? { start: range.start, end: range.end } : {}), highWaterMark: 64 * 1024 });
  }

  async stat(key: string): Promise<BlobStat | null> {
    const s = await stat(this.resolve(key)).catch(() => null);
    if (!s?.isFile()) return null;
    return { sizeBytes: s.size, modifiedAt: s.mtime, etag: `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}-${s.ino.toString(16)}"` };
  }

  async delete(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  /** Keys come from our own rows, but a key must never leave the root all the same. */
  private resolve(key: string): string {
    const full = resolve(this.root, key);
    if (relative(this.root, full).startsWith(`..${sep}`) || full === this.root) throw new Error(`Recording path outside the store: ${key}`);
    return full;
  }
}

/** fsync a file, or a directory (its entries are durable only once it is). */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
