import type { ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';

/** Where the binaries are; defaults from MINA_FFMPEG_PATH / MINA_FFPROBE_PATH, else found on PATH. */
export interface FfmpegPaths {
  ffmpeg?: string;
  ffprobe?: string;
}

export function ffmpegPaths(opts: FfmpegPaths = {}, env: NodeJS.ProcessEnv = process.env): Required<FfmpegPaths> {
  return {
    ffmpeg: opts.ffmpeg ?? (env.MINA_FFMPEG_PATH?.trim() || 'ffmpeg'),
    ffprobe: opts.ffprobe ?? (env.MINA_FFPROBE_PATH?.trim() || 'ffprobe'),
  };
}

/** How a child process ended; `error` when it could not be started (ENOENT, EACCES). */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: NodeJS.ErrnoException;
}

/** Resolves once the process has exited and its pipes closed, or it failed to start. Never rejects. */
export function processEnd(child: ChildProcess): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

export const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null && child.pid !== undefined;

/** The binary itself is not there (or not runnable): ffmpeg is missing rather than failing. */
export const notStarted = (end: ProcessEnd): boolean => end.error !== undefined;

/**
 * ffmpeg's stderr, kept to its first `limit` bytes: enough to say why a file failed, never a
 * megabyte of per-frame complaints from a corrupt stream.
 */
export class BoundedText {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private dropped = false;

  constructor(private readonly limit = 4096) {}

  add(chunk: Buffer): void {
    if (this.kept >= this.limit) {
      this.dropped = true;
      return;
    }
    const take = chunk.subarray(0, this.limit - this.kept);
    this.parts.push(take);
    this.kept += take.length;
    if (take.length < chunk.length) this.dropped = true;
  }

  /** The text with `hide` (the server-side file path) replaced, so error details do not leak it. */
  text(hide?: string): string {
    let text = Buffer.concat(this.parts).toString('utf8').trim();
    if (hide) text = text.split(hide).join('<input>');
    return this.dropped ? `${text}\n…` : text;
  }
}

/** An AbortSignal's reason as the error to throw (what fetch and streams throw on abort). */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

/** Niceness of ffmpeg children: decoding is background work, the API's requests on the same cores come first. */
export const FFMPEG_NICE = 10;
/**
 * ffmpeg's arguments for one decode or encode thread: a file is decoded as a stream anyway, and
 * extra threads only take more of the cores the API and the transcription share.
 */
export const ONE_THREAD = ['-threads', '1'];

/** Lowers the child's CPU priority (a no-op where the OS refuses, e.g. an exited process). */
export function lowerPriority(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    setPriority(child.pid, FFMPEG_NICE);
  } catch {
    // Not permitted or already gone: the decode still runs, at normal priority.
  }
}
