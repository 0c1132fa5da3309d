import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RECORDING_SAMPLE_RATE } from '../wav-header.js';
import type { AudioCodec, StoredFormat } from './audio-codec.js';
import { BoundedText, ffmpegPaths, isRunning, lowerPriority, notStarted, ONE_THREAD, processEnd, type FfmpegPaths, type ProcessEnd } from './ffmpeg-process.js';
import { WavCodec } from './wav-codec.js';

const PCM_INPUT = ['-f', 's16le', '-ar', String(RECORDING_SAMPLE_RATE), '-ac', '1'];

/**
 * Recordings as FLAC (lossless, about half the size of WAV) through ffmpeg; WAV through the
 * built-in codec. PCM is piped in and out, so neither direction holds a recording in memory.
 */
export class FfmpegCodec implements AudioCodec {
  readonly formats = ['wav', 'flac'] as const;
  private readonly wav = new WavCodec();
  private readonly ffmpeg: string;

  constructor(paths: FfmpegPaths = {}) {
    this.ffmpeg = ffmpegPaths(paths).ffmpeg;
  }

  async encodeToFile(pcm: AsyncIterable<Buffer>, format: StoredFormat, file: string): Promise<void> {
    if (format === 'wav') return this.wav.encodeToFile(pcm, format, file);
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', ...PCM_INPUT, '-i', 'pipe:0', '-c:a', 'flac', ...ONE_THREAD, '-f', 'flac', '-y', file];
    const child = spawn(this.ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    lowerPriority(child);
    const ended = processEnd(child);
    const stderr = new BoundedText();
    child.stderr.on('data', (d: Buffer) => stderr.add(d));
    try {
      // pipeline honours backpressure: the source is pulled only as fast as ffmpeg reads.
      await pipeline(Readable.from(pcm, { objectMode: false }), child.stdin);
    } catch (error) {
      child.kill('SIGKILL');
      const end = await ended;
      // A broken pipe means ffmpeg died first: its own message says why. Anything else is the source's failure.
      if (notStarted(end) || isPipeError(error)) throw this.failure('write', end, stderr, file);
      throw error;
    }
    const end = await ended;
    if (notStarted(end) || end.code !== 0) throw this.failure('write', end, stderr, file);
  }

  async *decode(bytes: AsyncIterable<Buffer>, format: StoredFormat): AsyncIterable<Buffer> {
    if (format === 'wav') {
      yield* this.wav.decode(bytes, format);
      return;
    }
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', ...ONE_THREAD, '-f', 'flac', '-i', 'pipe:0', '-f', 's16le', '-ac', '1', '-ar', String(RECORDING_SAMPLE_RATE), 'pipe:1'];
    const child = spawn(this.ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    lowerPriority(child);
    const ended = processEnd(child);
    const stderr = new BoundedText();
    child.stderr.on('data', (d: Buffer) => stderr.add(d));
    // Feeding stdin runs beside reading stdout: doing one after the other would deadlock once both pipes fill.
    let feedError: Error | undefined;
    const feeding = pipeline(Readable.from(bytes, { objectMode: false }), child.stdin).catch((error: unknown) => {
      feedError = error instanceof Error ? error : new Error(String(error));
      if (!isPipeError(error)) child.kill('SIGKILL');
    });
    let odd: Buffer | undefined;
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let piece = odd ? Buffer.concat([odd, chunk]) : chunk;
        odd = undefined;
        if (piece.length % 2 === 1) {
          odd = piece.subarray(piece.length - 1);
          piece = piece.subarray(0, piece.length - 1);
        }
        if (piece.length > 0) yield piece;
      }
      await feeding;
      const end = await ended;
      if (feedError && !isPipeError(feedError)) throw feedError;
      if (notStarted(end) || end.code !== 0) throw this.failure('read', end, stderr);
    } finally {
      if (isRunning(child)) child.kill('SIGKILL');
      await Promise.all([feeding, ended]);
    }
  }

  private failure(op: 'read' | 'write', end: ProcessEnd, stderr: BoundedText, file?: string): Error {
    const why = end.error ? `${this.ffmpeg} could not be run (${end.error.code ?? end.error.message})` : stderr.text(file) || `exit ${end.code ?? end.signal}`;
    return new Error(`ffmpeg could not ${op} FLAC: ${why}`);
  }
}

const isPipeError = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_PREMATURE_CLOSE';
};
