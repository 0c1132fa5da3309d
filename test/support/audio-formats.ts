import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixtureAudio } from './fixtures.js';

const exec = promisify(execFile);

/**
 * The upload formats people record meetings in, made from the fixture meeting by ffmpeg in test
 * setup (nothing binary is committed). `lossless` ones decode back to the reference exactly or
 * nearly so; the others are compared by loudness envelope.
 */
export const AUDIO_FORMATS = {
  'wav-16k-mono': { ext: 'wav', args: ['-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le'], lossless: true },
  'wav-44k-stereo': { ext: 'wav', args: ['-ac', '2', '-ar', '44100', '-c:a', 'pcm_s16le'], lossless: false },
  'wav-8k-mono': { ext: 'wav', args: ['-ac', '1', '-ar', '8000', '-c:a', 'pcm_s16le'], lossless: false },
  mp3: { ext: 'mp3', args: ['-ac', '2', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k'], lossless: false },
  'm4a-aac': { ext: 'm4a', args: ['-ac', '1', '-ar', '48000', '-c:a', 'aac', '-b:a', '64k'], lossless: false },
  'ogg-opus': { ext: 'ogg', args: ['-ac', '1', '-ar', '48000', '-c:a', 'libopus', '-b:a', '32k'], lossless: false },
  'webm-opus': { ext: 'webm', args: ['-ac', '2', '-ar', '48000', '-c:a', 'libopus', '-b:a', '48k'], lossless: false },
  flac: { ext: 'flac', args: ['-ac', '1', '-ar', '16000', '-c:a', 'flac'], lossless: true },
} as const;

export type AudioFormatName = keyof typeof AUDIO_FORMATS;

export async function ffmpeg(args: string[]): Promise<void> {
  await exec('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** The first `seconds` of the fixture meeting in every format, plus `reference.pcm` (16 kHz mono PCM16). */
export async function makeAudioFormats(dir: string, seconds: number, source = fixtureAudio('es2002a-2min')): Promise<{ reference: string; files: Record<AudioFormatName, string> }> {
  const reference = join(dir, 'reference.pcm');
  const cut = ['-t', String(seconds), '-i', source];
  await ffmpeg([...cut, '-ac', '1', '-ar', '16000', '-f', 's16le', reference]);
  const names = Object.keys(AUDIO_FORMATS) as AudioFormatName[];
  const files = Object.fromEntries(names.map((n) => [n, join(dir, `${n}.${AUDIO_FORMATS[n].ext}`)])) as Record<AudioFormatName, string>;
  // Two at a time: the machine has two cores.
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map((n) => ffmpeg([...cut, ...AUDIO_FORMATS[n].args, files[n]])));
  }
  return { reference, files };
}

/** PCM16LE bytes as samples. */
export const samplesOf = (pcm: Buffer): Int16Array => new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.length - (pcm.length % 2)));

/** RMS loudness per `window` samples (320 = 20 ms at 16 kHz). */
export function envelope(samples: Int16Array, window = 320): Float64Array {
  const out = new Float64Array(Math.floor(samples.length / window));
  for (let w = 0; w < out.length; w++) {
    let sum = 0;
    for (let i = w * window; i < (w + 1) * window; i++) sum += samples[i] * samples[i];
    out[w] = Math.sqrt(sum / window);
  }
  return out;
}

/** Pearson correlation over the common length. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

export async function collect(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const p of pieces) out.push(Buffer.from(p));
  return Buffer.concat(out);
}
