import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegCodec } from './codec/ffmpeg-codec.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingStore } from './recording-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';

const root = mkdtempSync(join(tmpdir(), 'mina-recordings-flac-'));
const blobs = new LocalDiskBlobStore(root);
const flac = new RecordingStore(blobs, new FfmpegCodec(), 'flac', join(root, '.tmp'));
const wav = new RecordingStore(blobs, new WavCodec(), 'wav', join(root, '.tmp'));
const SESSION = '7c1e9a3b-2d4f-4a6b-8c9d-0e1f2a3b4c5d';

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function* pieces(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < buf.length; at += size) yield await Promise.resolve(buf.subarray(at, at + size));
}

const collect = async (it: AsyncIterable<Buffer>) => {
  const out: Buffer[] = [];
  for await (const b of it) out.push(Buffer.from(b));
  return Buffer.concat(out);
};

/** 7.5 s of a gliding tone with bursts of noise: not trivially compressible, exactly checkable. */
function signal(): Buffer {
  const n = 16_000 * 7.5;
  const pcm = Buffer.alloc(n * 2);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = Math.floor(i / 4000) % 3 === 0 ? ((seed % 2001) - 1000) * 4 : 0;
    pcm.writeInt16LE(Math.round(Math.sin((i * (1 + i / n)) / 9) * 9000 + noise), i * 2);
  }
  return pcm;
}

describe('RecordingStore with FLAC (ffmpeg)', () => {
  it('keeps FLAC, measures it like WAV, and reads back exactly the samples written', async () => {
    const pcm = signal();
    const stored = await flac.write(SESSION, pieces(pcm, 3333));
    const file = readFileSync(join(root, stored.path));
    expect(stored).toMatchObject({ path: join('7c', `${SESSION}.flac`), format: 'flac', contentType: 'audio/flac', sampleRate: 16_000, channels: 1, durationMs: 7500, sizeBytes: file.length });
    expect(file.subarray(0, 4).toString('latin1')).toBe('fLaC');
    expect(stored.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);

    const asWav = await wav.write('7c000000-2d4f-4a6b-8c9d-0e1f2a3b4c5d', pieces(pcm, 4096));
    expect(stored.peaks.equals(asWav.peaks)).toBe(true);
    expect(stored.sizeBytes).toBeLessThan(asWav.sizeBytes);

    const back = await collect(flac.readPcm(stored.path, 32_000));
    expect(back.equals(pcm)).toBe(true);
    // One store reads both formats: what was kept as WAV before ffmpeg was installed still plays.
    expect((await collect(flac.readPcm(asWav.path, 32_000))).equals(pcm)).toBe(true);
  });

  it('leaves nothing behind when the audio source fails mid-file', async () => {
    const id = 'eeeeeeee-2d4f-4a6b-8c9d-0e1f2a3b4c5d';
    async function* failing(): AsyncGenerator<Buffer> {
      yield await Promise.resolve(signal().subarray(0, 64_000));
      throw new Error('spool went away');
    }
    await expect(flac.write(id, failing())).rejects.toThrow('spool went away');
    expect(readdirSync(root)).not.toContain('ee');
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });
});
