import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PEAK_WINDOW_MS, type AudioStore, type StoredAudio } from './audio-store.js';
import { CONTENT_TYPES, EXTENSIONS, type AudioCodec, type StoredFormat } from './codec/audio-codec.js';
import type { BlobStat, BlobStore } from './storage/blob-store.js';
import { RECORDING_SAMPLE_RATE } from './wav-header.js';

const PEAK_SAMPLES = (RECORDING_SAMPLE_RATE / 1000) * PEAK_WINDOW_MS;

/**
 * The one AudioStore: PCM in, encoded by the codec into a temporary file (while its peaks and
 * length are measured), hashed, then handed whole to the blob store; read back through the codec.
 */
export class RecordingStore implements AudioStore {
  constructor(
    private readonly blobs: BlobStore,
    private readonly codec: AudioCodec,
    readonly format: StoredFormat,
    /** Where files are encoded before they are stored (local disk). */
    private readonly tmpDir: string,
  ) {
    if (!codec.formats.includes(format)) throw new Error(`The codec cannot write ${format}`);
  }

  static key(sessionId: string, format: StoredFormat): string {
    return join(sessionId.slice(0, 2), `${sessionId}.${EXTENSIONS[format]}`);
  }

  async write(sessionId: string, pcm: AsyncIterable<Buffer>): Promise<StoredAudio> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${sessionId}.${randomBytes(4).toString('hex')}.${EXTENSIONS[this.format]}`);
    const measure = new PcmMeasure();
    try {
      await this.codec.encodeToFile(measure.through(pcm), this.format, tmp);
      const [sha256, size] = await Promise.all([hashFile(tmp), stat(tmp).then((s) => s.size)]);
      const path = RecordingStore.key(sessionId, this.format);
      await this.blobs.putFile(path, tmp, CONTENT_TYPES[this.format]);
      return {
        path,
        format: this.format,
        contentType: CONTENT_TYPES[this.format],
        sampleRate: RECORDING_SAMPLE_RATE,
        channels: 1,
        durationMs: Math.round(measure.samples / (RECORDING_SAMPLE_RATE / 1000)),
        sizeBytes: size,
        sha256,
        peaks: measure.peaks(),
      };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async *readPcm(path: string, pieceBytes: number, format = formatOf(path)): AsyncIterable<Buffer> {
    const size = Math.max(2, pieceBytes - (pieceBytes % 2));
    let carry: Buffer | undefined;
    const bytes = (await this.blobs.get(path)) as AsyncIterable<Buffer>;
    for await (const chunk of this.codec.decode(bytes, format)) {
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
    return (await this.blobs.stat(path)) !== null;
  }

  stat(path: string): Promise<BlobStat | null> {
    return this.blobs.stat(path);
  }

  readBytes(path: string, range?: { start: number; end: number }): Promise<Readable> {
    return this.blobs.get(path, range);
  }

  delete(path: string): Promise<void> {
    return this.blobs.delete(path);
  }
}

/** A stored file's format, from its key's extension. */
export function formatOf(path: string): StoredFormat {
  if (path.endsWith('.flac')) return 'flac';
  if (path.endsWith('.wav')) return 'wav';
  throw new Error(`Unknown recording format: ${path}`);
}

/** Counts the samples that pass through and keeps the loudest of each PEAK_WINDOW_MS. */
class PcmMeasure {
  samples = 0;
  private readonly out: number[] = [];
  private windowMax = 0;
  private inWindow = 0;
  private odd: number | undefined;

  async *through(pcm: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const piece of pcm) {
      this.add(piece);
      yield piece;
    }
  }

  peaks(): Buffer {
    if (this.inWindow > 0) this.close();
    return Buffer.from(this.out);
  }

  private add(piece: Buffer): void {
    let i = 0;
    if (this.odd !== undefined && piece.length > 0) {
      this.sample(((piece[0] << 8) | this.odd) << 16 >> 16);
      this.odd = undefined;
      i = 1;
    }
    for (; i + 1 < piece.length; i += 2) this.sample(piece.readInt16LE(i));
    if (i < piece.length) this.odd = piece[i];
  }

  private sample(v: number): void {
    this.samples++;
    const a = v < 0 ? -v : v;
    if (a > this.windowMax) this.windowMax = a;
    if (++this.inWindow === PEAK_SAMPLES) this.close();
  }

  private close(): void {
    this.out.push(Math.min(255, Math.ceil((this.windowMax / 32768) * 255)));
    this.windowMax = 0;
    this.inWindow = 0;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
