import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_FORMATS, collect, correlation, envelope, ffmpeg, makeAudioFormats, samplesOf, type AudioFormatName } from '../../../test/support/audio-formats.js';
import { AudioDecodeError, decodeToPcm, decodeUpload, detectFfmpeg, probeAudio, type FfmpegInfo } from './ffmpeg.js';

const SECONDS = 8;
const dir = mkdtempSync(join(tmpdir(), 'mina-ffmpeg-'));
let reference: Int16Array;
let files: Record<AudioFormatName, string>;
let info: FfmpegInfo;
const limits = { maxDurationMs: 60 * 60_000, timeoutMs: 30_000 };

beforeAll(async () => {
  info = await detectFfmpeg();
  const made = await makeAudioFormats(dir, SECONDS);
  files = made.files;
  reference = samplesOf(readFileSync(made.reference));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a decode ends with (decoding is lazy: nothing happens until it is read). */
async function failure(pieces: AsyncIterable<Buffer>): Promise<AudioDecodeError> {
  try {
    await collect(pieces);
  } catch (error) {
    return error as AudioDecodeError;
  }
  throw new Error('decoding succeeded');
}

/** ffmpeg processes still working on `file` (the decoder must never leave one behind). */
function ffmpegOn(file: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `ffmpeg.*${file}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('detectFfmpeg', () => {
  it('finds ffmpeg and ffprobe with their version', () => {
    expect(info).toMatchObject({ available: true, ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' });
    expect(info.version).toMatch(/^\d+\.\d+/);
  });

  it('says unavailable, without throwing, when the binary is not there', async () => {
    const missing = await detectFfmpeg({ ffmpeg: join(dir, 'no-such-ffmpeg') });
    expect(missing).toEqual({ available: false, ffmpeg: join(dir, 'no-such-ffmpeg'), ffprobe: 'ffprobe' });
  });
});

describe('decodeToPcm: every upload format to 16 kHz mono PCM16', () => {
  const names = Object.keys(AUDIO_FORMATS) as AudioFormatName[];

  it.each(names)('%s', async (name) => {
    const probe = await probeAudio(files[name]);
    expect(probe.durationMs).toBeGreaterThan(SECONDS * 1000 - 100);
    const pcm = await collect(decodeToPcm(files[name], limits));
    const samples = samplesOf(pcm);
    // Output is 16 kHz: its length in samples is the duration at 16 per ms.
    expect(Math.abs(samples.length / 16 - SECONDS * 1000)).toBeLessThanOrEqual(50);
    if (AUDIO_FORMATS[name].lossless) {
      expect(Buffer.from(samples.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
    } else {
      expect(correlation(envelope(samples), envelope(reference))).toBeGreaterThan(0.9);
    }
  });

  it('probes what the container says', async () => {
    expect(await probeAudio(files['m4a-aac'])).toMatchObject({ codec: 'aac', channels: 1, sampleRate: 48000 });
    expect(await probeAudio(files['webm-opus'])).toMatchObject({ container: 'matroska,webm', codec: 'opus', channels: 2 });
    expect(await probeAudio(files['wav-44k-stereo'])).toMatchObject({ container: 'wav', codec: 'pcm_s16le', channels: 2, sampleRate: 44100 });
  });

  it('streams: pieces are even-length and a slow reader holds ffmpeg back', async () => {
    const pieces = decodeToPcm(files.mp3, limits);
    let count = 0;
    for await (const piece of pieces) {
      expect(piece.length % 2).toBe(0);
      if (++count === 1) await new Promise((r) => setTimeout(r, 300));
      // Stopping early kills ffmpeg and reaps it before the loop's exit returns.
      if (count === 3) break;
    }
    expect(count).toBe(3);
    expect(ffmpegOn(files.mp3)).toEqual([]);
  });
});

describe('decodeToPcm refuses what it cannot or must not decode', () => {
  const cases: [string, string, () => string][] = [
    ['a text file named .mp3', 'NOT_AUDIO', () => write('notes.mp3', 'Agenda: budget, hiring, launch date.\n'.repeat(50))],
    ['random bytes', 'NOT_AUDIO', () => write('noise.m4a', Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251)))],
    // Without the demuxer whitelist ffmpeg follows the playlist and decodes the other file.
    ['an HLS playlist named .mp3 pointing at another file', 'NOT_AUDIO', () => write('playlist.mp3', `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:8.0,\nfile:${files.mp3}\n#EXT-X-ENDLIST\n`)],
    ['an ffconcat script', 'NOT_AUDIO', () => write('script.wav', `ffconcat version 1.0\nfile '${files.flac}'\n`)],
    ['an empty file', 'AUDIO_UNDECODABLE', () => write('empty.ogg', '')],
    ['a video without sound', 'NOT_AUDIO', () => join(dir, 'silent-video.mkv')],
    ['FLAC whose frames are garbage', 'AUDIO_UNDECODABLE', () => write('broken.flac', Buffer.concat([readFileSync(files.flac).subarray(0, 8192), Buffer.alloc(200_000, 0x5a)]))],
  ];

  beforeAll(() => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=d=1:s=64x48', '-c:v', 'ffv1', join(dir, 'silent-video.mkv')]));

  it.each(cases)('%s → %s', async (_name, code, make) => {
    const file = make();
    const error = await failure(decodeToPcm(file, limits));
    expect(error).toBeInstanceOf(AudioDecodeError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(code === 'AUDIO_TOO_LONG' ? 413 : 422);
    // Its reason is kept (bounded) without the server's file path.
    expect(JSON.stringify(error.details ?? {})).not.toContain(dir);
  });

  it('a truncated file decodes as far as it goes', async () => {
    const full = readFileSync(files.mp3);
    const half = write('half.mp3', full.subarray(0, Math.floor(full.length / 2)));
    const ms = (await collect(decodeToPcm(half, limits))).length / 32;
    expect(ms).toBeGreaterThan(SECONDS * 500 - 500);
    expect(ms).toBeLessThan(SECONDS * 500 + 500);
  });

  it('stops a long file at maxDurationMs, whatever its header says, and leaves no ffmpeg behind', async () => {
    const long = join(dir, 'an-hour-of-silence.flac');
    await ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '60', '-c:a', 'flac', long]);
    const started = Date.now();
    const error = await failure(decodeToPcm(long, { ...limits, maxDurationMs: 10_000 }));
    expect(error).toMatchObject({ code: 'AUDIO_TOO_LONG', status: 413, details: { maxDurationMs: 10_000 } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ffmpegOn(long)).toEqual([]);
    // decodeUpload refuses it from the header alone, before decoding.
    expect(await failure(decodeUpload(long, { ...limits, maxDurationMs: 10_000 }, info))).toMatchObject({ code: 'AUDIO_TOO_LONG' });
  });

  it('stops on abort and on timeout, killing ffmpeg', async () => {
    const controller = new AbortController();
    const pieces = decodeToPcm(files['webm-opus'], { ...limits, signal: controller.signal });
    const reading = collect(
      (async function* () {
        for await (const p of pieces) {
          controller.abort();
          yield p;
        }
      })(),
    );
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(ffmpegOn(files['webm-opus'])).toEqual([]);

    const slow = (async function* () {
      for await (const p of decodeToPcm(files['ogg-opus'], { ...limits, timeoutMs: 200 })) {
        await new Promise((r) => setTimeout(r, 100));
        yield p;
      }
    })();
    expect(await failure(slow)).toMatchObject({ code: 'AUDIO_UNDECODABLE', details: { timeoutMs: 200 } });
    expect(ffmpegOn(files['ogg-opus'])).toEqual([]);
  });
});

describe('without ffmpeg', () => {
  const none: FfmpegInfo = { available: false, ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' };

  it('detectFfmpeg reads MINA_FFMPEG_PATH and reports it missing', async () => {
    const before = process.env.MINA_FFMPEG_PATH;
    process.env.MINA_FFMPEG_PATH = none.ffmpeg;
    try {
      expect(await detectFfmpeg()).toMatchObject({ available: false, ffmpeg: none.ffmpeg });
    } finally {
      if (before === undefined) delete process.env.MINA_FFMPEG_PATH;
      else process.env.MINA_FFMPEG_PATH = before;
    }
  });

  it('refuses MP3 with FFMPEG_MISSING (415) and still decodes WAV', async () => {
    expect(await failure(decodeUpload(files.mp3, limits, none))).toMatchObject({ code: 'FFMPEG_MISSING', status: 415 });
    const wav = await collect(decodeUpload(files['wav-16k-mono'], limits, none));
    expect(wav.equals(Buffer.from(reference.buffer))).toBe(true);
  });

  it('decodeToPcm with a missing binary is FFMPEG_MISSING, not a crash', async () => {
    expect(await failure(decodeToPcm(files.flac, { ...limits, ffmpeg: none.ffmpeg }))).toMatchObject({ code: 'FFMPEG_MISSING' });
  });
});

describe('decodeUpload with ffmpeg', () => {
  it('decodes through ffmpeg and refuses a non-audio file before decoding', async () => {
    const pcm = await collect(decodeUpload(files['m4a-aac'], limits, info));
    expect(Math.abs(pcm.length / 32 - SECONDS * 1000)).toBeLessThanOrEqual(50);
    const png = write('picture.png', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64)]));
    expect(await failure(decodeUpload(png, limits, info))).toMatchObject({ code: 'NOT_AUDIO' });
    copyFileSync(files['wav-8k-mono'], join(dir, 'renamed.mp3'));
    expect((await collect(decodeUpload(join(dir, 'renamed.mp3'), limits, info))).length / 32).toBeCloseTo(SECONDS * 1000, -2);
  });
});

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
