import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WavCodec } from '#src/recordings/codec/wav-codec.js';
import { RecordingStore } from '#src/recordings/recording-store.js';
import type { BlobStore } from '#src/recordings/storage/blob-store.js';
import { LocalDiskBlobStore } from '#src/recordings/storage/local-disk-blob.store.js';
import { S3BlobStore } from '#src/recordings/storage/s3-blob.store.js';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { loadFixture } from './transcription-client.js';

/*
 * One contract for every BlobStore: local disk and S3 (against s3rver, a real S3-compatible HTTP
 * server) must behave alike for what the recording store and playback rely on.
 */

const work = mkdtempSync(join(tmpdir(), 'mina-blob-contract-'));
let s3: S3Server;
const KiB = 1024;

/** Multipart above 256 KiB, in 100 KiB parts, so that a 1 MiB file crosses several part boundaries. */
const s3Store = (server: S3Server, bucket = server.bucket, prefix = 'contract') =>
  new S3BlobStore({
    bucket,
    region: 'us-east-1',
    endpoint: server.endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix,
    multipartThresholdBytes: 256 * KiB,
    partSizeBytes: 100 * KiB,
    allowSmallParts: true,
  });

const STORES: [string, () => BlobStore][] = [
  ['local disk', () => new LocalDiskBlobStore(join(work, 'local-root'))],
  ['S3 (s3rver)', () => s3Store(s3)],
];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

/** A finished local file, as RecordingStore hands one over. */
function fileWith(bytes: Buffer): string {
  const file = join(work, `src-${randomBytes(4).toString('hex')}`);
  writeFileSync(file, bytes);
  return file;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(STORES)('BlobStore contract: %s', (_name, make) => {
  let store: BlobStore;
  const content = randomBytes(300 * KiB);
  const key = join('ab', 'abcdef01-0000-4000-8000-000000000001.wav');

  beforeAll(async () => {
    store = make();
    await store.check();
  });

  afterAll(() => {
    if (store instanceof S3BlobStore) store.close();
  });

  it('stores a finished file whole, takes it over, and gives every byte back', async () => {
    const file = fileWith(content);
    await store.putFile(key, file, 'audio/wav');
    expect(existsSync(file)).toBe(false);
    expect((await bytesOf(await store.get(key))).equals(content)).toBe(true);
  });

  // Not `bytes=0-0`: s3rver 3.7 reads an end of 0 as "to the end" (real S3 does not); Safari's probe is 0-1 anyway.
  it.each([
    ['the first two bytes', 0, 1],
    ['a middle stretch', 1000, 70_000],
    ['the last byte', 300 * KiB - 1, 300 * KiB - 1],
    ['everything', 0, 300 * KiB - 1],
  ])('serves an inclusive byte range: %s', async (_what, start, end) => {
    expect((await bytesOf(await store.get(key, { start, end }))).equals(content.subarray(start, end + 1))).toBe(true);
  });

  it('states size, modification time and an ETag that changes with the bytes', async () => {
    const before = await store.stat(key);
    expect(before).toMatchObject({ sizeBytes: content.length });
    expect(before!.modifiedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(before!.modifiedAt.getTime())).toBe(false);
    expect(before!.etag).toMatch(/^".+"$/);

    const replaced = randomBytes(200 * KiB);
    await store.putFile(key, fileWith(replaced), 'audio/wav');
    const after = await store.stat(key);
    expect(after).toMatchObject({ sizeBytes: replaced.length });
    expect(after!.etag).not.toBe(before!.etag);
    expect((await bytesOf(await store.get(key))).equals(replaced)).toBe(true);
  });

  it('deletes, and a deleted or never-stored key is missing alike (stat null, get ENOENT, delete no error)', async () => {
    await store.delete(key);
    for (const gone of [key, join('ab', 'never-stored.wav')]) {
      expect(await store.stat(gone)).toBeNull();
      await expect(store.get(gone)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(store.delete(gone)).resolves.toBeUndefined();
    }
  });

  it('stores a large file (multipart on S3) byte-exact, ranges across part boundaries included', async () => {
    const large = randomBytes(1024 * KiB + 123);
    const bigKey = join('cd', 'cdef0123-0000-4000-8000-000000000002.wav');
    await store.putFile(bigKey, fileWith(large), 'audio/wav');
    expect(await store.stat(bigKey)).toMatchObject({ sizeBytes: large.length });
    expect(sha256(await bytesOf(await store.get(bigKey)))).toBe(sha256(large));
    const [start, end] = [100 * KiB - 10, 300 * KiB + 10];
    expect((await bytesOf(await store.get(bigKey, { start, end }))).equals(large.subarray(start, end + 1))).toBe(true);
    await store.delete(bigKey);
  });

  it('refuses keys that would leave its root or prefix', async () => {
    await expect(store.stat('../outside.wav')).rejects.toThrow(/outside the store|Invalid recording key/);
    await expect(store.putFile(join('..', 'x.wav'), fileWith(content), 'audio/wav')).rejects.toThrow(/outside the store|Invalid recording key/);
  });
});

describe('S3BlobStore specifics', () => {
  it('says plainly when the bucket does not exist', async () => {
    const missing = s3Store(s3, 'no-such-bucket');
    try {
      await expect(missing.check()).rejects.toThrow('bucket "no-such-bucket" does not exist');
    } finally {
      missing.close();
    }
  });

  it('keeps objects under its prefix, as `<prefix>/<key>`', async () => {
    const store = s3Store(s3, s3.bucket, 'tenant-a/audio');
    try {
      await store.putFile(join('ef', 'x.wav'), fileWith(Buffer.from('RIFF')), 'audio/wav');
      expect(existsSync(join(s3.dir, s3.bucket, 'tenant-a', 'audio', 'ef', 'x.wav._S3rver_object'))).toBe(true);
      expect(await s3Store(s3, s3.bucket, 'other').stat(join('ef', 'x.wav'))).toBeNull();
    } finally {
      store.close();
    }
  });

  it('aborts a multipart upload that fails midway and leaves no object behind', async () => {
    // A proxy in front of s3rver refuses the third part and records what reaches it.
    const seen: string[] = [];
    const target = new URL(s3.endpoint);
    const proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'PUT' && req.url?.includes('partNumber=3')) {
        req.resume();
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>no</Message></Error>');
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const through = s3Store({ ...s3, endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    const key = join('f0', 'f0000000-0000-4000-8000-000000000003.wav');
    const file = fileWith(randomBytes(600 * KiB));
    try {
      await expect(through.putFile(key, file, 'audio/wav')).rejects.toMatchObject({ name: 'AccessDenied' });
      expect(seen.filter((r) => r.startsWith('PUT') && r.includes('partNumber=')).length).toBe(3);
      expect(seen.some((r) => r.startsWith('DELETE') && r.includes('uploadId='))).toBe(true);
      expect(await through.stat(key)).toBeNull();
      // The local file is kept for the caller to retry or clean up.
      expect(existsSync(file)).toBe(true);
    } finally {
      through.close();
      proxy.close();
    }
  });
});

describe('RecordingStore on S3', () => {
  it('writes a session through the codec into the bucket and reads the same PCM back', async () => {
    const blobs = s3Store(s3);
    const store = new RecordingStore(blobs, new WavCodec(), 'wav', join(work, 'encode-tmp'));
    const fixture = loadFixture();
    expect(fixture.sampleRate).toBe(16_000);
    const pcm = fixture.pcm.subarray(0, 16_000 * 2 * 20);
    const sessionId = '5e55a0b1-0000-4000-8000-000000000004';
    try {
      async function* source(): AsyncGenerator<Buffer> {
        for (let i = 0; i < pcm.length; i += 32_000) yield await Promise.resolve(pcm.subarray(i, i + 32_000));
      }
      const stored = await store.write(sessionId, source());
      expect(stored).toMatchObject({ format: 'wav', durationMs: 20_000, sampleRate: 16_000, channels: 1 });
      expect(await store.stat(stored.path)).toMatchObject({ sizeBytes: stored.sizeBytes });
      expect(existsSync(join(s3.dir, s3.bucket, 'contract', stored.path + '._S3rver_object'))).toBe(true);

      const file = await bytesOf(await store.readBytes(stored.path));
      expect(sha256(file)).toBe(stored.sha256);
      const back: Buffer[] = [];
      for await (const piece of store.readPcm(stored.path, 32_000)) back.push(Buffer.from(piece));
      expect(Buffer.concat(back).equals(pcm)).toBe(true);

      await store.delete(stored.path);
      expect(await store.exists(stored.path)).toBe(false);
    } finally {
      blobs.close();
    }
  });
});
