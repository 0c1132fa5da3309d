import { describe, expect, it } from 'vitest';
import { AudioUrlSigner } from './audio-url-signer.js';
import { requestedRange } from './byte-range.js';
import { downsamplePeaks, pcmPeaks } from './peaks.js';

describe('requestedRange', () => {
  it.each([
    [undefined, 1000, null],
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=500-', 1000, { start: 500, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=900-5000', 1000, { start: 900, end: 999 }],
    ['bytes=0-9,20-29', 1000, { start: 0, end: 29 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['Bytes= 0-0 ', 1000, { start: 0, end: 0 }],
    ['bytes=0-0, 5000-', 1000, { start: 0, end: 0 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=5000-6000', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=-5', 0, 'unsatisfiable'],
    ['items=0-5', 1000, null],
    ['bytes=abc', 1000, 'malformed'],
    ['bytes=9-2', 1000, 'malformed'],
    ['bytes=', 1000, 'malformed'],
    ['bytes=1-2-3', 1000, 'malformed'],
    ['bytes=0-1,', 1000, 'malformed'],
    ['bytes=0x10-', 1000, 'malformed'],
    ['0-10', 1000, 'malformed'],
  ] as const)('%s of %d bytes → %j', (header, size, expected) => {
    expect(requestedRange(header, size)).toEqual(expected);
  });
});

describe('AudioUrlSigner', () => {
  const signer = new AudioUrlSigner('a secret of at least thirty-two characters');
  const now = new Date('2030-01-01T00:00:00Z');
  const later = new Date(now.getTime() + 60_000);
  const exp = String(later.getTime() / 1000);
  const grant = { sessionId: 's1', workspaceId: 'w1', userId: 'u1' };
  const sig = signer.sign(grant, later);

  it.each([
    ['the URL it signed', {}, exp, sig, now, 'ok'],
    ['at its expiry', {}, exp, sig, later, 'expired'],
    ['after its expiry', {}, exp, sig, new Date(later.getTime() + 1), 'expired'],
    ['another session', { sessionId: 's2' }, exp, sig, now, 'invalid'],
    ['another workspace', { workspaceId: 'w2' }, exp, sig, now, 'invalid'],
    ['another user', { userId: 'u2' }, exp, sig, now, 'invalid'],
    ['a later expiry', {}, String(Number(exp) + 3600), sig, now, 'invalid'],
    ['a changed signature', {}, exp, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, now, 'invalid'],
    ['no signature', {}, exp, undefined, now, 'invalid'],
    ['no expiry', {}, undefined, sig, now, 'invalid'],
    ['a non-numeric expiry', {}, '1e10', sig, now, 'invalid'],
  ] as const)('%s', (_name, change, expires, signature, at, expected) => {
    expect(signer.verify({ ...grant, ...change }, expires, signature, at)).toBe(expected);
  });

  it('signs differently under another secret', () => {
    expect(new AudioUrlSigner('another secret of thirty-two characters!').sign(grant, later)).not.toBe(sig);
  });
});

describe('pcmPeaks', () => {
  const pcm = (samples: number[]) => {
    const buf = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => buf.writeInt16LE(s, i * 2));
    return buf;
  };
  const pieces = (buf: Buffer, size: number): Buffer[] => {
    const out: Buffer[] = [];
    for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
    return out;
  };

  it('takes the loudest sample of each slice, also across odd chunk boundaries', async () => {
    const audio = pcm([0, 16384, -32768, 0, 100, -8192, 0, 0]);
    for (const size of [1, 3, 5, 16]) expect(await pcmPeaks(pieces(audio, size), 8, 4)).toEqual([0.5, 1, 0.25, 0]);
  });

  it('gives no more buckets than samples, and one for silence', async () => {
    expect(await pcmPeaks(pieces(pcm([16384, 0]), 4), 2, 100)).toEqual([0.5, 0]);
    expect(await pcmPeaks(pieces(Buffer.alloc(0), 4), 0, 100)).toEqual([0]);
  });
});

describe('downsamplePeaks', () => {
  it.each([
    [[0, 255, 51, 102], 2, [1, 0.4]],
    [[0, 255, 51, 102], 4, [0, 1, 0.2, 0.4]],
    [[0, 255, 51, 102], 10, [0, 1, 0.2, 0.4]],
    [[10, 20, 30, 40, 50], 2, [0.078, 0.196]],
    [[], 1000, []],
  ])('%j in %d buckets → %j', (stored, buckets, expected) => {
    expect(downsamplePeaks(Uint8Array.from(stored), buckets)).toEqual(expected);
  });

  it('keeps every window in exactly one bucket, so the loudest one always shows', () => {
    const stored = new Uint8Array(20_001);
    stored[12_345] = 255;
    for (const buckets of [1, 7, 1000, 10_000]) {
      const peaks = downsamplePeaks(stored, buckets);
      expect(peaks).toHaveLength(buckets);
      expect(peaks.filter((p) => p === 1)).toHaveLength(1);
    }
  });
});
