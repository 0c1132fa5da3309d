import { randomBytes, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { CORRUPTED, WRONG_KEY } from './backup.exception.js';
import { HEADER_BYTES, keyFingerprint, MAGIC, type Compression } from './backup-format.js';
import { asBackupError, compressStream, decompressStream, decryptStream, DigestTap, encryptStream } from './backup-streams.js';

const key = randomBytes(32);
const id = randomUUID();
const plain = Buffer.concat(Array.from({ length: 200 }, (_, i) => Buffer.from(`row ${i}\tsome meeting text that compresses well\n`.repeat(50))));

async function collect(source: Readable, ...stages: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _, done) {
      out.push(chunk);
      done();
    },
  });
  await pipeline([source, ...stages, sink]);
  return Buffer.concat(out);
}

/** Splits a buffer into small uneven chunks, so header and tag straddle chunk boundaries. */
const chunked = (buf: Buffer) => Readable.from(Array.from({ length: Math.ceil(buf.length / 777) }, (_, i) => buf.subarray(i * 777, (i + 1) * 777)));

async function seal(compression: Compression): Promise<{ file: Buffer; sha256: string }> {
  const tap = new DigestTap();
  const file = await collect(chunked(plain), compressStream(compression, 3), encryptStream(key, id, compression), tap);
  return { file, sha256: tap.digest() };
}

const open = (file: Buffer, compression: Compression, withKey = key, fingerprint = keyFingerprint(key)) =>
  collect(chunked(file), decryptStream(withKey, { backupId: id, keyFingerprint: fingerprint }), decompressStream(compression)).catch((e: unknown) => {
    throw asBackupError(e);
  });

describe('backup streams', () => {
  it.each(['zstd', 'gzip', 'none'] as const)('round-trips with %s, header first, nothing readable in the file', async (compression) => {
    const { file, sha256 } = await seal(compression);
    expect(file.subarray(0, 8)).toEqual(MAGIC);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.includes(Buffer.from('some meeting text'))).toBe(false);
    if (compression !== 'none') expect(file.length).toBeLessThan(plain.length / 5);
    expect((await open(file, compression)).equals(plain)).toBe(true);
  });

  it.each([
    ['a ciphertext byte', (f: Buffer) => f.length >> 1],
    ['the auth tag', (f: Buffer) => f.length - 3],
    ['the compression byte of the header', () => 9],
    ['the IV', () => 25],
  ])('refuses a file with %s flipped as corrupted or tampered', async (_, where) => {
    const { file } = await seal('zstd');
    const bad = Buffer.from(file);
    bad[where(bad)] ^= 0x01;
    await expect(open(bad, 'zstd')).rejects.toThrow(CORRUPTED);
  });

  it('refuses a truncated file', async () => {
    const { file } = await seal('zstd');
    await expect(open(file.subarray(0, file.length - 100), 'zstd')).rejects.toThrow(CORRUPTED);
    await expect(open(file.subarray(0, HEADER_BYTES - 1), 'zstd')).rejects.toThrow(CORRUPTED);
  });

  it('tells a different key apart from tampering', async () => {
    const { file } = await seal('zstd');
    await expect(open(file, 'zstd', randomBytes(32))).rejects.toThrow(WRONG_KEY);
    // A manifest that names another key than the file's header: someone edited one of them.
    await expect(open(file, 'zstd', key, '0011223344556677')).rejects.toThrow(CORRUPTED);
  });

  it('refuses a file that belongs to another backup', async () => {
    const { file } = await seal('none');
    await expect(
      collect(chunked(file), decryptStream(key, { backupId: randomUUID(), keyFingerprint: keyFingerprint(key) })),
    ).rejects.toThrow(/belongs to backup/);
  });
});
