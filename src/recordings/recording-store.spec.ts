import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWav } from '#src/transcription/audio/wav.js';
import { WavCodec } from './codec/wav-codec.js';
import { RecordingStore } from './recording-store.js';
import { LocalDiskBlobStore } from './storage/local-disk-blob.store.js';

const root = mkdtempSync(join(tmpdir(), 'mina-recordings-'));
const store = new RecordingStore(new LocalDiskBlobStore(root), new WavCodec(), 'wav', join(root, '.tmp'));
const SESSION = '0b8f2a4e-1c9d-4e7b-9a51-3f6d2c8e7a10';

async function* pieces(bufs: Buffer[]): AsyncGenerator<Buffer> {
  for (const b of bufs) yield await Promise.resolve(b);
}

const collect = async (it: AsyncIterable<Buffer>) => {
  const out: Buffer[] = [];
  for await (const b of it) out.push(Buffer.from(b));
  return out;
};

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('RecordingStore on local disk (WAV)', () => {
  it('writes one WAV per session, with its size, length and sha256, and leaves no temporary file', async () => {
    const pcm = Buffer.alloc(16_000 * 2 * 3, 0);
    for (let i = 0; i < pcm.length; i += 2) pcm.writeInt16LE(Math.round(Math.sin(i / 40) * 8000), i);
    const stored = await store.write(SESSION, pieces([pcm.subarray(0, 1000), pcm.subarray(1000, 1000), pcm.subarray(1000)]));
    const file = readFileSync(join(root, stored.path));
    expect(stored).toMatchObject({ path: join('0b', `${SESSION}.wav`), format: 'wav', sampleRate: 16_000, channels: 1, durationMs: 3000, sizeBytes: file.length });
    expect(stored.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(parseWav(file)).toMatchObject({ sampleRate: 16_000, channels: 1 });
    expect(parseWav(file).samples.length).toBe(16_000 * 3);
    expect(readdirSync(join(root, '0b'))).toEqual([`${SESSION}.wav`]);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
    expect(await store.exists(stored.path)).toBe(true);
    expect(await store.exists(join('0b', 'missing.wav'))).toBe(false);
  });

  it('leaves nothing behind when the audio source fails', async () => {
    const id = 'ffffffff-1c9d-4e7b-9a51-3f6d2c8e7a10';
    async function* failing(): AsyncGenerator<Buffer> {
      yield await Promise.resolve(Buffer.alloc(100));
      throw new Error('spool went away');
    }
    await expect(store.write(id, failing())).rejects.toThrow('spool went away');
    expect(readdirSync(root)).not.toContain('ff');
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  it('reads back exactly the samples written, in even pieces of at most the size asked', async () => {
    // Written once (each write is fsynced); the property is over how it is read.
    const bufs = [1, 2999, 0, 700, 4096, 3].map((n, k) => Buffer.from(Array.from({ length: n * 2 }, (_, i) => (i * 7 + k) % 256)));
    const stored = await store.write(SESSION, pieces(bufs));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 20_000 }), async (piece) => {
        const read = await collect(store.readPcm(stored.path, piece));
        const limit = piece - (piece % 2);
        expect(read.every((b) => b.length > 0 && b.length <= limit && b.length % 2 === 0)).toBe(true);
        expect(Buffer.concat(read).equals(Buffer.concat(bufs))).toBe(true);
      }),
      { numRuns: 50 },
    );
  }, 30_000);

  it('keeps one peak per 50 ms (the loudest sample, 0–255), also across odd piece boundaries', async () => {
    // 120 ms: 50 ms at full scale, 50 ms silent, 20 ms at half scale.
    const pcm = Buffer.alloc(16 * 120 * 2);
    for (let i = 0; i < 800; i++) pcm.writeInt16LE(i === 400 ? -32768 : 1000, i * 2);
    for (let i = 1600; i < 1920; i++) pcm.writeInt16LE(16384, i * 2);
    const stored = await store.write(SESSION, pieces([pcm.subarray(0, 801), pcm.subarray(801, 2403), pcm.subarray(2403)]));
    expect([...stored.peaks]).toEqual([255, 0, 128]);
    expect(stored.durationMs).toBe(120);
    const stat = await store.stat(stored.path);
    expect(stat?.sizeBytes).toBe(stored.sizeBytes);
    const head = await collect(await store.readBytes(stored.path, { start: 0, end: 3 }));
    expect(Buffer.concat(head).toString('latin1')).toBe('RIFF');
    await store.delete(stored.path);
    expect(await store.exists(stored.path)).toBe(false);
  });

  it('refuses paths that leave its root', async () => {
    await expect(collect(store.readPcm('../etc/passwd.wav', 64))).rejects.toThrow('outside the store');
    await expect(store.exists('../../x.wav')).rejects.toThrow('outside the store');
  });
});
