/*
 * ffmpeg is the field's decoder for what people record meetings in (MP3, M4A/AAC, OGG/Opus,
 * WebM/Opus, FLAC): run as a child process, so a hostile file can crash or stall only that
 * process, never Mina. Its output is counted as it streams, so a file's own header (which can
 * lie) never decides how much is decoded.
 */
import { spawn } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { AudioDecodeError } from './audio-decode.error.js';
import { BoundedText, abortError, ffmpegPaths, isRunning, lowerPriority, notStarted, ONE_THREAD, processEnd, type FfmpegPaths, type ProcessEnd } from './ffmpeg-process.js';
import { decodeWavFile, isWavHeader } from './wav-decode.js';

export { AudioDecodeError } from './audio-decode.error.js';
export { FfmpegCodec } from './ffmpeg-codec.js';
export { ffmpegPaths, type FfmpegPaths } from './ffmpeg-process.js';

export interface FfmpegInfo {
  available: boolean;
  /** `5.1.9-0+deb12u1`, from `ffmpeg -version`. */
  version?: string;
  ffmpeg: string;
  ffprobe: string;
}

/** Nest token for the FfmpegInfo found at boot (RecordingsModule provides and exports it). */
export const FFMPEG_INFO = Symbol('FFMPEG_INFO');

/** Upload formats (by extension) this server decodes: everything common with ffmpeg, WAV without. */
export const decodableFormats = (info: Pick<FfmpegInfo, 'available'>): string[] =>
  info.available ? ['wav', 'mp3', 'm4a', 'aac', 'ogg', 'opus', 'webm', 'flac'] : ['wav'];

export interface AudioProbe {
  /** From the container or stream header: a claim, not a measurement (null when it has none). */
  durationMs: number | null;
  container: string;
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface DecodeOptions extends FfmpegPaths {
  /** Decoding stops with AUDIO_TOO_LONG as soon as the output passes this. */
  maxDurationMs: number;
  /** Whole-decode deadline; past it ffmpeg is killed and the file refused. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the rest of Mina hears: 16 kHz mono PCM16. */
export const PCM_RATE = 16_000;
const PCM_BYTES_PER_MS = (PCM_RATE * 2) / 1000;
const PROBE_TIMEOUT_MS = 30_000;
/**
 * Only local files, and only the demuxers of audio people record in. Without this an uploaded HLS
 * playlist or concat script named .mp3 makes ffmpeg open other files on the server (or URLs).
 */
const DEMUXERS = ['wav', 'w64', 'aiff', 'caf', 'mp3', 'aac', 'mov', 'ogg', 'matroska', 'flac', 'asf', 'amr'].join(',');
const INPUT_GUARD = ['-protocol_whitelist', 'file', '-format_whitelist', DEMUXERS];
/** `file:` so a name like `concat:a|b` or `http://…` is never read as a protocol. */
const input = (file: string): string => `file:${file}`;
const VERSION_TIMEOUT_MS = 10_000;

/** Runs a short command to completion; stdout bounded (the commands used here print little). */
async function run(bin: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<{ end: ProcessEnd; stdout: string; stderr: BoundedText; timedOut: boolean }> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const end = processEnd(child);
  const out = new BoundedText(4 * 1024 * 1024);
  const err = new BoundedText();
  child.stdout.on('data', (d: Buffer) => out.add(d));
  child.stderr.on('data', (d: Buffer) => err.add(d));
  let timedOut = false;
  const kill = () => child.kill('SIGKILL');
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  signal?.addEventListener('abort', kill, { once: true });
  try {
    const result = await end;
    signal?.throwIfAborted();
    return { end: result, stdout: out.text(), stderr: err, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', kill);
  }
}

/** Is ffmpeg (and ffprobe) there and runnable? Never throws: a missing binary is `available: false`. */
export async function detectFfmpeg(opts: FfmpegPaths = {}): Promise<FfmpegInfo> {
  const paths = ffmpegPaths(opts);
  try {
    const [ff, probe] = await Promise.all([
      run(paths.ffmpeg, ['-hide_banner', '-version'], VERSION_TIMEOUT_MS),
      run(paths.ffprobe, ['-hide_banner', '-version'], VERSION_TIMEOUT_MS),
    ]);
    const ok = (r: typeof ff) => !notStarted(r.end) && r.end.code === 0;
    if (!ok(ff) || !ok(probe)) return { available: false, ...paths };
    const version = /version\s+(\S+)/.exec(ff.stdout)?.[1];
    return { available: true, ...(version ? { version } : {}), ...paths };
  } catch {
    return { available: false, ...paths };
  }
}

interface ProbeJson {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string; channels?: number; sample_rate?: string; duration?: string }[];
}

const toMs = (seconds: string | undefined): number | null => {
  const s = Number(seconds);
  return seconds !== undefined && Number.isFinite(s) && s >= 0 ? Math.round(s * 1000) : null;
};

/** The file's container and first audio stream, from ffprobe. No audio stream → NOT_AUDIO. */
export async function probeAudio(file: string, opts: FfmpegPaths & { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<AudioProbe> {
  const { ffprobe } = ffmpegPaths(opts);
  await refuseEmpty(file);
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const { end, stdout, stderr, timedOut } = await run(
    ffprobe,
    ['-v', 'error', ...INPUT_GUARD, '-print_format', 'json', '-show_format', '-show_streams', input(file)],
    timeoutMs,
    opts.signal,
  );
  if (notStarted(end)) throw missing(ffprobe);
  if (timedOut) throw new AudioDecodeError('AUDIO_UNDECODABLE', `Reading the file's header took longer than ${timeoutMs} ms`, { timeoutMs });
  if (end.code !== 0) throw new AudioDecodeError('NOT_AUDIO', 'The file is not audio in a format Mina can read', { ffprobe: stderr.text(file) });
  let json: ProbeJson;
  try {
    json = JSON.parse(stdout) as ProbeJson;
  } catch {
    throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The file could not be read (its description is malformed or too large)');
  }
  const audio = json.streams?.find((s) => s.codec_type === 'audio');
  if (!audio) throw new AudioDecodeError('NOT_AUDIO', 'The file has no audio stream', { container: json.format?.format_name ?? 'unknown' });
  return {
    durationMs: toMs(json.format?.duration) ?? toMs(audio.duration),
    container: json.format?.format_name ?? 'unknown',
    codec: audio.codec_name ?? 'unknown',
    channels: audio.channels ?? 0,
    sampleRate: Number(audio.sample_rate ?? 0),
  };
}

/**
 * The file's first audio stream as 16 kHz mono PCM16, streamed from ffmpeg's stdout in even-length
 * pieces. Reading is pulled by the consumer (a slow consumer pauses ffmpeg through the pipe). On
 * early exit, abort, timeout or too much output ffmpeg is killed and reaped before this returns.
 */
export async function* decodeToPcm(file: string, opts: DecodeOptions): AsyncGenerator<Buffer> {
  opts.signal?.throwIfAborted();
  await refuseEmpty(file);
  const { ffmpeg } = ffmpegPaths(opts);
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', ...INPUT_GUARD, ...ONE_THREAD, '-i', input(file), '-map', '0:a:0', '-vn', '-sn', '-dn', '-f', 's16le', '-ac', '1', '-ar', String(PCM_RATE), 'pipe:1'];
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  lowerPriority(child);
  const ended = processEnd(child);
  const stderr = new BoundedText();
  child.stderr.on('data', (d: Buffer) => stderr.add(d));
  let stopped: Error | undefined;
  const stop = (reason: Error) => {
    stopped ??= reason;
    child.kill('SIGKILL');
  };
  const onAbort = () => stop(abortError(opts.signal!));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = opts.timeoutMs === undefined ? undefined : setTimeout(
    () => stop(new AudioDecodeError('AUDIO_UNDECODABLE', `Decoding took longer than ${opts.timeoutMs} ms`, { timeoutMs: opts.timeoutMs })),
    opts.timeoutMs,
  );
  const maxBytes = Math.floor(opts.maxDurationMs * PCM_BYTES_PER_MS);
  let bytes = 0;
  let odd: Buffer | undefined;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      if (stopped) break;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        stop(tooLong(opts.maxDurationMs));
        break;
      }
      let piece = odd ? Buffer.concat([odd, chunk]) : chunk;
      odd = undefined;
      if (piece.length % 2 === 1) {
        odd = piece.subarray(piece.length - 1);
        piece = piece.subarray(0, piece.length - 1);
      }
      if (piece.length > 0) yield piece;
    }
    const end = await ended;
    if (stopped) throw stopped;
    if (notStarted(end)) throw missing(ffmpeg);
    if (end.code !== 0) throw decodeFailure(stderr.text(file));
    if (bytes < 2) throw new AudioDecodeError('AUDIO_UNDECODABLE', 'No audio could be decoded from the file', { ffmpeg: stderr.text(file) });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    // The consumer stopped early (or failed): the decoder must not outlive the request.
    if (isRunning(child)) child.kill('SIGKILL');
    await ended;
  }
}

/** Why ffmpeg exited non-zero, from what it printed: no audio stream or no readable container is NOT_AUDIO. */
function decodeFailure(stderr: string): AudioDecodeError {
  if (/matches no streams|does not contain any stream/i.test(stderr)) {
    return new AudioDecodeError('NOT_AUDIO', 'The file has no audio stream', { ffmpeg: stderr });
  }
  // ffmpeg prints "<input>: <reason>" when it cannot open the input as any format it knows.
  if (/^(file:)?<input>: /m.test(stderr)) {
    return new AudioDecodeError('NOT_AUDIO', 'The file is not audio in a format Mina can read', { ffmpeg: stderr });
  }
  return new AudioDecodeError('AUDIO_UNDECODABLE', 'The audio could not be decoded (corrupt or unsupported)', { ffmpeg: stderr });
}

const tooLong = (maxDurationMs: number) =>
  new AudioDecodeError('AUDIO_TOO_LONG', `The audio is longer than the ${formatDuration(maxDurationMs)} allowed`, { maxDurationMs });

const missing = (bin: string) =>
  new AudioDecodeError('FFMPEG_MISSING', `ffmpeg is not installed (${bin} could not be run): only WAV can be decoded`, { binary: bin });

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : minutes >= 1 ? `${minutes} min` : `${Math.round(ms / 1000)} s`;
}

async function refuseEmpty(file: string): Promise<number> {
  const { size } = await stat(file);
  if (size === 0) throw new AudioDecodeError('AUDIO_UNDECODABLE', 'The file is empty');
  return size;
}

/**
 * An uploaded file to 16 kHz mono PCM16: through ffmpeg when it is there (after a probe that
 * refuses non-audio and over-long headers before any decoding), else WAV by the JS decoder; any
 * other format without ffmpeg is FFMPEG_MISSING.
 */
export async function* decodeUpload(file: string, opts: DecodeOptions, ffmpeg: FfmpegInfo): AsyncGenerator<Buffer> {
  await refuseEmpty(file);
  if (ffmpeg.available) {
    const paths = { ffmpeg: ffmpeg.ffmpeg, ffprobe: ffmpeg.ffprobe };
    const probe = await probeAudio(file, { ...paths, signal: opts.signal, timeoutMs: opts.timeoutMs });
    if (probe.durationMs !== null && probe.durationMs > opts.maxDurationMs) throw tooLong(opts.maxDurationMs);
    yield* decodeToPcm(file, { ...opts, ...paths });
    return;
  }
  const head = Buffer.alloc(12);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 12, 0);
  } finally {
    await handle.close();
  }
  if (!isWavHeader(head)) {
    throw new AudioDecodeError('FFMPEG_MISSING', 'Only WAV can be decoded on this server: ffmpeg is not installed (it reads MP3, M4A/AAC, OGG/Opus, WebM/Opus and FLAC)', { formats: ['wav'] });
  }
  yield* decodeWavFile(file, opts);
}
