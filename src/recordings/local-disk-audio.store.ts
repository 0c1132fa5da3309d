import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { AudioStore, StoredAudio } from './audio-store.js';
import { RECORDING_SAMPLE_RATE, WAV_HEADER_BYTES, wavHeader } from './wav-header.js';

/**
 * The recording store on local disk (`MINA_RECORDINGS_DIR`, default `MINA_DATA_DIR/recordings`):
 * `<first two hex digits>/<session id>.wav`. A file is written under a temporary name, fsynced,
 * renamed into place and its directory fsynced, so a crash leaves either the whole file or none.
 */
export class LocalDiskAudioStore implements AudioStore {
  constructor(private readonly root: string) {}

  async write(sessionId: string, pcm: AsyncIterable<Buffer>): Promise<StoredAudio> {
    const path = join(sessionId.slice(0, 2), `${sessionId}.wav`);
    const final = this.resolve(path);
    await mkdir(dirname(final), { recursive: true });
    const tmp = `${final}.${randomBytes(4).toString('hex')}.tmp`;
    const file = await open(tmp, 'w');
    let dataBytes = 0;
    try {
      // The header's sizes are known only at the end: a placeholder first, the real one written last.
      await file.write(wavHeader(0), 0, WAV_HEADER_BYTES, 0);
      for await (const piece of pcm) {
        if (piece.length === 0) continue;
        await file.write(piece, 0, piece.length, WAV_HEADER_BYTES + dataBytes);
        dataBytes += piece.length;
      }
      await file.write(wavHeader(dataBytes), 0, WAV_HEADER_BYTES, 0);
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
    await file.close();
    const sha256 = await hashFile(tmp);
    await rename(tmp, final);
    await syncDir(dirname(final));
    return {
      path,
      format: 'wav',
      sampleRate: RECORDING_SAMPLE_RATE,
      channels: 1,
      durationMs: Math.round(dataBytes / 2 / (RECORDING_SAMPLE_RATE / 1000)),
      sizeBytes: WAV_HEADER_BYTES + dataBytes,
      sha256,
    };
  }

  async *readPcm(path: string, pieceBytes: number): AsyncIterable<Buffer> {
    const size = pieceBytes - (pieceBytes % 2);
    let carry: Buffer | undefined;
    for await (const chunk of createReadStream(this.resolve(path), { start: WAV_HEADER_BYTES, highWaterMark: Math.max(size, 64 * 1024) }) as AsyncIterable<Buffer>) {
      let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = undefined;
      while (buf.length >= size) {
        yield buf.subarray(0, size);
        buf = buf.subarray(size);
      }
      if (buf.length > 0) carry = buf;
    }
    if (carry && carry.length >= 2) yield carry.subarray(0, carry.length - (carry.length % 2));
  }

  async exists(path: string): Promise<boolean> {
    return stat(this.resolve(path)).then((s) => s.isFile(), () => false);
  }

  /** Paths come from our own rows, but a path must never leave the root all the same. */
  private resolve(path: string): string {
    const full = resolve(this.root, path);
    if (relative(this.root, full).startsWith(`..${sep}`) || full === this.root) throw new Error(`Recording path outside the store: ${path}`);
    return full;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** The rename is durable only once the directory entry is. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
