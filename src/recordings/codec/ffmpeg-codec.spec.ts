import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, ffmpeg } from '../../../test/support/audio-formats.js';
import { fixtureAudio } from '../../../test/support/fixtures.js';
import { FfmpegCodec } from './ffmpeg-codec.js';

const dir = mkdtempSync(join(tmpdir(), 'mina-flac-'));
const codec = new FfmpegCodec();
/** The whole two-minute fixture as 16 kHz mono PCM16 (~3.8 MB): enough to fill both pipes many times over. */
let pcm: Buffer;

beforeAll(async () => {
  await ffmpeg(['-i', fixtureAudio('es2002a-2min'), '-ac', '1', '-ar', '16000', '-f', 's16le', join(dir, 'meeting.pcm')]);
  pcm = readFileSync(join(dir, 'meeting.pcm'));
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `buf` in pieces of the given sizes, cycling; odd sizes included on purpose. */
async function* pieces(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let at = 0, k = 0; at < buf.length; k++) {
    const n = sizes[k % sizes.length];
    yield await Promise.resolve(buf.subarray(at, at + n));
    at += n;
  }
}

const bytesOf = (file: string) => createReadStream(file, { highWaterMark: 4096 }) as AsyncIterable<Buffer>;

describe('FfmpegCodec', () => {
  it('writes FLAC and reads back exactly the samples written', async () => {
    const file = join(dir, 'meeting.flac');
    await codec.encodeToFile(pieces(pcm, [32_000, 7, 1, 65_537, 0]), 'flac', file);
    const probe = execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file], { encoding: 'utf8' });
    expect(JSON.parse(probe).streams[0]).toMatchObject({ codec_name: 'flac', sample_rate: '16000', channels: 1 });
    // Lossless and smaller than the WAV it replaces.
    expect(statSync(file).size).toBeLessThan(pcm.length * 0.8);
    const back = await collect(codec.decode(bytesOf(file), 'flac'));
    expect(back.length).toBe(pcm.length);
    expect(back.equals(pcm)).toBe(true);
  });

  it('decodes while it is fed, so a slow reader never deadlocks it, and stopping early ends ffmpeg', async () => {
    const file = join(dir, 'early.flac');
    await codec.encodeToFile(pieces(pcm, [100_000]), 'flac', file);
    let seen = 0;
    for await (const piece of codec.decode(bytesOf(file), 'flac')) {
      expect(piece.length % 2).toBe(0);
      seen += piece.length;
      await new Promise((r) => setTimeout(r, 5));
      if (seen > pcm.length / 4) break;
    }
    expect(seen).toBeGreaterThan(pcm.length / 4);
    expect(ffmpegRunning(file)).toBe(false);
  });

  it('delegates WAV to the built-in codec', async () => {
    const file = join(dir, 'short.wav');
    const short = pcm.subarray(0, 32_000);
    await codec.encodeToFile(pieces(short, [999, 1001]), 'wav', file);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('RIFF');
    expect((await collect(codec.decode(bytesOf(file), 'wav'))).equals(short)).toBe(true);
  });

  it('fails loudly: a failing source, an unwritable path, garbage bytes, a missing binary', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield await Promise.resolve(pcm.subarray(0, 64_000));
      throw new Error('spool went away');
    }
    await expect(codec.encodeToFile(failing(), 'flac', join(dir, 'failing.flac'))).rejects.toThrow('spool went away');
    await expect(codec.encodeToFile(pieces(pcm, [64_000]), 'flac', join(dir, 'no-such-dir', 'x.flac'))).rejects.toThrow(/ffmpeg could not write FLAC: .*No such file or directory/s);
    async function* garbage(): AsyncGenerator<Buffer> {
      yield await Promise.resolve(Buffer.alloc(50_000, 0x42));
    }
    await expect(collect(codec.decode(garbage(), 'flac'))).rejects.toThrow(/ffmpeg could not read FLAC/);
    const missing = new FfmpegCodec({ ffmpeg: join(dir, 'no-ffmpeg') });
    await expect(missing.encodeToFile(pieces(pcm, [64_000]), 'flac', join(dir, 'm.flac'))).rejects.toThrow(/could not be run \(ENOENT\)/);
    await expect(collect(missing.decode(garbage(), 'flac'))).rejects.toThrow(/could not be run \(ENOENT\)/);
  });
});

function ffmpegRunning(file: string): boolean {
  try {
    execFileSync('pgrep', ['-f', `ffmpeg.*${file}`]);
    return true;
  } catch {
    return false;
  }
}
