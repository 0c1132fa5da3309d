import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, correlation, envelope, ffmpeg, samplesOf } from '../../../test/support/audio-formats.js';
import { fixtureAudio } from '../../../test/support/fixtures.js';
import { decodeToPcm } from './ffmpeg.js';
import { decodeWavFile, decodeWavStream } from './wav-decode.js';

const SECONDS = 10;
const dir = mkdtempSync(join(tmpdir(), 'mina-wav-'));
const limits = { maxDurationMs: 3_600_000 };
let reference: Int16Array;
const file = (name: string) => join(dir, name);

/** WAV variants made from the fixture by ffmpeg: name → extra ffmpeg output arguments. */
const VARIANTS: Record<string, string[]> = {
  'stereo-44k.wav': ['-ac', '2', '-ar', '44100', '-c:a', 'pcm_s16le'],
  'mono-8k.wav': ['-ac', '1', '-ar', '8000', '-c:a', 'pcm_s16le'],
  'u8.wav': ['-ac', '1', '-ar', '16000', '-c:a', 'pcm_u8'],
  's24-48k.wav': ['-ac', '1', '-ar', '48000', '-c:a', 'pcm_s24le'],
  's32-stereo.wav': ['-ac', '2', '-ar', '22050', '-c:a', 'pcm_s32le'],
  'f32.wav': ['-ac', '1', '-ar', '32000', '-c:a', 'pcm_f32le'],
  'f64.wav': ['-ac', '1', '-ar', '16000', '-c:a', 'pcm_f64le'],
  // A LIST/INFO chunk before the samples.
  'tagged.wav': ['-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-metadata', 'title=Weekly sync', '-metadata', 'artist=Mina'],
  'mono-16k.wav': ['-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le'],
  'adpcm.wav': ['-ac', '1', '-ar', '16000', '-c:a', 'adpcm_ima_wav'],
};

beforeAll(async () => {
  const cut = ['-t', String(SECONDS), '-i', fixtureAudio('es2002a-2min')];
  await ffmpeg([...cut, '-ac', '1', '-ar', '16000', '-f', 's16le', file('reference.pcm')]);
  reference = samplesOf(readFileSync(file('reference.pcm')));
  const names = Object.keys(VARIANTS);
  for (let i = 0; i < names.length; i += 2) await Promise.all(names.slice(i, i + 2).map((n) => ffmpeg([...cut, ...VARIANTS[n], file(n)])));
  await ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '30', '-c:a', 'pcm_s16le', file('silence-30s.wav')]);
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440:r=96000', '-t', '1', '-c:a', 'pcm_s16le', file('96k.wav')]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(pieces: AsyncIterable<Buffer>): Promise<{ code?: string; status?: number; name?: string }> {
  try {
    await collect(pieces);
  } catch (error) {
    return error as { code: string };
  }
  throw new Error('decoding succeeded');
}

describe('decodeWavFile without ffmpeg', () => {
  it('16 kHz mono PCM16 passes through bit-exact, with or without a LIST chunk', async () => {
    for (const name of ['mono-16k.wav', 'tagged.wav']) {
      const pcm = await collect(decodeWavFile(file(name), limits));
      expect(pcm.equals(Buffer.from(reference.buffer))).toBe(true);
    }
  });

  // The JS path and ffmpeg resample differently (both band-limited): the samples agree closely, not exactly.
  it.each(['stereo-44k.wav', 'mono-8k.wav', 'u8.wav', 's24-48k.wav', 's32-stereo.wav', 'f32.wav', 'f64.wav'])('%s matches ffmpeg', async (name) => {
    const [ours, theirs] = await Promise.all([collect(decodeWavFile(file(name), limits)), collect(decodeToPcm(file(name), limits))]);
    const a = samplesOf(ours);
    const b = samplesOf(theirs);
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(16); // ≤ 1 ms
    expect(Math.abs(a.length / 16 - SECONDS * 1000)).toBeLessThanOrEqual(50);
    // Sample-level agreement (8 kHz and 8-bit lose detail, so they agree less closely).
    expect(correlation(a, b)).toBeGreaterThan(name === 'u8.wav' || name === 'mono-8k.wav' ? 0.97 : 0.995);
    expect(correlation(envelope(a), envelope(reference))).toBeGreaterThan(0.98);
  });

  it('gives the same samples however the bytes are chunked', async () => {
    const bytes = readFileSync(file('stereo-44k.wav')).subarray(0, 44 + 4 * 4410); // 100 ms
    const whole = await collect(decodeWavStream(chunks(bytes, [bytes.length]), limits));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        expect((await collect(decodeWavStream(chunks(bytes, sizes), limits))).equals(whole)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('reads to the end when a streaming writer left the data size unknown', async () => {
    const bytes = Buffer.from(readFileSync(file('mono-16k.wav')));
    const data = bytes.indexOf('data');
    bytes.writeUInt32LE(0xffffffff, data + 4);
    writeFileSync(file('streamed.wav'), bytes);
    expect((await collect(decodeWavFile(file('streamed.wav'), limits))).equals(Buffer.from(reference.buffer))).toBe(true);
  });

  it.each([
    ['not RIFF', () => write('x.wav', Buffer.from('ID3\x03hello world, not a wave file')), 'NOT_AUDIO'],
    ['a header cut short', () => write('short.wav', readFileSync(file('mono-16k.wav')).subarray(0, 30)), 'AUDIO_UNDECODABLE'],
    ['no data chunk', () => write('nodata.wav', readFileSync(file('mono-16k.wav')).subarray(0, 36)), 'AUDIO_UNDECODABLE'],
    ['an empty data chunk', () => write('empty-data.wav', header(0)), 'AUDIO_UNDECODABLE'],
    ['IMA ADPCM (needs ffmpeg)', () => file('adpcm.wav'), 'FFMPEG_MISSING'],
    ['96 kHz (needs ffmpeg)', () => file('96k.wav'), 'FFMPEG_MISSING'],
  ])('refuses %s', async (_name, make, code) => {
    expect(await failure(decodeWavFile(make(), limits))).toMatchObject({ code });
  });

  it('stops at maxDurationMs without reading the rest of the file', async () => {
    let read = 0;
    const counted = (async function* () {
      for await (const c of chunks(readFileSync(file('silence-30s.wav')), [4096])) {
        read += c.length;
        yield c;
      }
    })();
    expect(await failure(decodeWavStream(counted, { maxDurationMs: 10_000 }))).toMatchObject({ code: 'AUDIO_TOO_LONG', status: 413 });
    expect(read).toBeLessThan(10 * 32_000 + 4096 + 200); // one read past the limit, plus the header
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const pieces = decodeWavFile(file('stereo-44k.wav'), { ...limits, signal: controller.signal });
    const reading = (async () => {
      for await (const _ of pieces) controller.abort();
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});

async function* chunks(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let at = 0, k = 0; at < buf.length; k++) {
    yield await Promise.resolve(buf.subarray(at, at + sizes[k % sizes.length]));
    at += sizes[k % sizes.length];
  }
}

function write(name: string, content: Buffer): string {
  writeFileSync(file(name), content);
  return file(name);
}

/** A 16 kHz mono PCM16 WAV header declaring `dataBytes`. */
function header(dataBytes: number): Buffer {
  const h = readFileSync(file('mono-16k.wav')).subarray(0, 44);
  const out = Buffer.from(h);
  out.writeUInt32LE(dataBytes, 40);
  return out;
}
