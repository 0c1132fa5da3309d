import type { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import type { AudioWindow, InterimWindow } from '../audio/audio-window.js';
import type { AsrResult, RealtimeAsr } from '../asr/asr-provider.js';
import type { DeltaListener, RealtimeAsrStream } from '../asr/realtime-asr-stream.js';

export interface RealtimeWindowsOptions {
  breaker: string;
  timeoutMs: number;
  /** The connection is closed after this long without speech, and opened again at the next. */
  idleCloseMs: number;
  language?: string;
  /** The session's transcription prompt: its workspace vocabulary. */
  prompt?: string;
}

/**
 * A session's windows through one realtime connection: the open window's audio is appended at
 * each interim point, its close is the commit. The first failure (refused, closed, error event,
 * timeout, breaker open) ends realtime for the session for good: `transcribe` throws and the
 * processor sends this window and every later one to the windowed provider, so the audio not yet
 * finalized is transcribed exactly once either way.
 */
export class RealtimeWindows {
  private stream: RealtimeAsrStream | undefined;
  /** The window whose audio `stream` has up to `appendedTo` (window-stream samples). */
  private open: { index: number; appendedTo: number; stream: RealtimeAsrStream } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  failure: string | undefined;

  constructor(
    private readonly asr: RealtimeAsr,
    private readonly breakers: CircuitBreakers,
    private readonly options: RealtimeWindowsOptions,
  ) {}

  get active(): boolean {
    return this.failure === undefined;
  }

  /** The open window grew: send its new audio now, so its commit has little left to send. */
  grow(w: InterimWindow, copy: (from: number, to: number) => Float32Array | undefined): void {
    if (!this.active || this.breakers.isOpen(this.options.breaker)) return;
    // A window that was discarded left its audio in the input buffer.
    if (this.open && this.open.index !== w.index) this.open.stream.clear();
    const from = this.open?.index === w.index ? this.open.appendedTo : w.startSample;
    const samples = copy(from, w.endSample);
    if (!samples) return;
    const stream = this.open?.index === w.index ? this.open.stream : this.connection();
    stream.append(samples);
    this.open = { index: w.index, appendedTo: w.endSample, stream };
  }

  /** Commits the window (sending what was not appended yet); throws when realtime is or becomes unusable. */
  async transcribe(w: AudioWindow, onDelta: DeltaListener, signal: AbortSignal): Promise<AsrResult> {
    if (this.failure) throw new Error(this.failure);
    if (this.breakers.isOpen(this.options.breaker)) {
      this.failure = `circuit "${this.options.breaker}" is open`;
      this.close();
      throw new Error(this.failure);
    }
    const open = this.open;
    this.open = undefined;
    try {
      let stream: RealtimeAsrStream;
      if (open?.index === w.index && open.appendedTo <= w.endSample) {
        // The same connection that has the start (if it died meanwhile, the commit fails: fallback).
        stream = open.stream;
        stream.append(w.samples.subarray(open.appendedTo - w.startSample));
      } else {
        // Cut before what was appended (a force cut at a quieter frame), or nothing appended yet.
        open?.stream.clear();
        stream = this.connection();
        stream.append(w.samples);
      }
      const result = await this.breakers.run(this.options.breaker, (s) => stream.commit(onDelta, s), {
        timeoutMs: this.options.timeoutMs,
        retries: 0,
        signal,
      });
      this.idleLater();
      return result;
    } catch (error) {
      if (!signal.aborted) this.failure = (error as Error).message;
      this.close();
      throw error;
    }
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.stream?.close();
    this.stream = undefined;
    this.open = undefined;
  }

  private connection(): RealtimeAsrStream {
    clearTimeout(this.idleTimer);
    if (!this.stream || this.stream.failed) this.stream = this.asr.open(this.options.language, this.options.prompt);
    return this.stream;
  }

  private idleLater(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.stream?.close();
      this.stream = undefined;
    }, this.options.idleCloseMs);
    this.idleTimer.unref();
  }
}
