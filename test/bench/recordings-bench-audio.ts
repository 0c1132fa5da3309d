/*
 * The audio of bench:recordings: meetings made by looping the fixture with ffmpeg (MP3 as people
 * upload them, WAV as the heavy case), sent through tus with the stock tus-js-client, and the
 * floor — decode + VAD/windowing of the same file with no ASR, what the path costs without
 * waiting on recognition.
 */
import { execFile } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tus from 'tus-js-client';
import { decodeUpload, detectFfmpeg } from '#src/recordings/codec/ffmpeg.js';
import { decodePcm16 } from '#src/transcription/audio/pcm.js';
import { AudioWindower } from '#src/transcription/audio/windower.js';
import { fixtureAudio } from '../support/fixtures.js';
import { round } from './recordings-bench-procs.js';

const run = promisify(execFile);
export type Format = 'mp3' | 'wav';
const FIXTURE_SECONDS = 118.92;

/**
 * `minutes` of the fixture looped, as `format`. `tag` goes into the file's metadata so that each
 * file has its own bytes (uploads with a hash already in the workspace are resolved as duplicates).
 */
export async function makeMeeting(dir: string, minutes: number, format: Format, tag: string): Promise<{ path: string; bytes: number }> {
  const loops = Math.max(1, Math.ceil((minutes * 60) / FIXTURE_SECONDS));
  const path = join(dir, `${tag}-${minutes}min.${format}`);
  const codec = format === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '64k'] : ['-c:a', 'pcm_s16le'];
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-stream_loop', String(loops - 1), '-i', fixtureAudio('es2002a-2min'), '-t', String(minutes * 60), ...codec, '-metadata', `comment=${tag}`, path], { maxBuffer: 1 << 20 });
  return { path, bytes: statSync(path).size };
}

export interface Uploaded {
  sessionId: string;
  seconds: number;
}

/** The file through /api/uploads with tus-js-client (read from disk, one PATCH), as the console's client does. */
export function tusUploadFile(base: string, headers: Record<string, string>, path: string): Promise<Uploaded> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let sessionId: string | undefined;
    const upload = new tus.Upload(createReadStream(path), {
      endpoint: `${base}/api/uploads`,
      headers,
      metadata: { filename: path.split('/').pop()!, filetype: path.endsWith('.mp3') ? 'audio/mpeg' : 'audio/wav' },
      retryDelays: null,
      storeFingerprintForResuming: false,
      onAfterResponse: (_req, res) => {
        sessionId = res.getHeader('Mina-Session-Id') ?? sessionId;
      },
      onSuccess: () => (sessionId ? resolve({ sessionId, seconds: (performance.now() - t0) / 1000 }) : reject(new Error('no Mina-Session-Id'))),
      onError: reject,
    });
    upload.start();
  });
}

/** Decode (ffmpeg, as ingest does) + VAD/windowing of the file in this process: no ASR, no Redis, no database. */
export async function floorOf(path: string, durationMs: number): Promise<{ seconds: number; realTimeFactor: number; decodeOnlySeconds: number; windows: number }> {
  const ffmpeg = await detectFfmpeg();
  const opts = { maxDurationMs: 48 * 3_600_000 };
  let t0 = performance.now();
  for await (const piece of decodeUpload(path, opts, ffmpeg)) void piece;
  const decodeOnlySeconds = (performance.now() - t0) / 1000;
  const windower = new AudioWindower({});
  let windows = 0;
  t0 = performance.now();
  for await (const piece of decodeUpload(path, opts, ffmpeg)) {
    for (const event of windower.push(decodePcm16(piece))) if (event.kind === 'final') windows++;
  }
  for (const event of windower.flush()) if (event.kind === 'final') windows++;
  const seconds = (performance.now() - t0) / 1000;
  return { seconds: round(seconds, 2), realTimeFactor: round(durationMs / 1000 / seconds), decodeOnlySeconds: round(decodeOnlySeconds, 2), windows };
}
