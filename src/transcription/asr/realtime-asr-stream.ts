import type OpenAI from 'openai';
import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { encodePcm16 } from '../audio/pcm.js';
import { StreamingResampler } from '../audio/resampler.js';
import { ASR_SAMPLE_RATE } from '../audio/sample-rate.js';
import type { AsrResult } from './asr-provider.js';

/** The realtime API takes PCM16 at 24 kHz only. */
export const REALTIME_SAMPLE_RATE = 24_000;

export interface RealtimeStreamOptions {
  client: OpenAI;
  model: string;
  language?: string;
  /** The transcription prompt for the whole connection (the workspace vocabulary). */
  prompt?: string;
  /** No `session.created` within this long: the connection counts as failed. */
  connectTimeoutMs: number;
}

/** The text of the committed item so far (deltas joined), for interim display. */
export type DeltaListener = (textSoFar: string) => void;

interface PendingCommit {
  itemId?: string;
  text: string;
  onDelta: DeltaListener;
  resolve(result: AsrResult): void;
  reject(error: Error): void;
}

/** The realtime connection failed or answered with an error: the caller falls back to windowed requests. */
export class RealtimeAsrError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RealtimeAsrError';
  }
}

/**
 * One OpenAI Realtime transcription connection (the SDK's OpenAIRealtimeWS, `intent=transcription`)
 * for one live session. Turn detection is off: our VAD and windower decide what is speech and
 * where an utterance ends, so the audio of a window is appended as it arrives and the window's
 * close is a commit. Deltas of a committed item are passed on; `completed` resolves the commit.
 * Any error on the connection fails it for good (and every commit waiting on it).
 */
export class RealtimeAsrStream {
  private readonly rt: OpenAIRealtimeWS;
  private readonly opened: Promise<void>;
  private resampler = new StreamingResampler(ASR_SAMPLE_RATE, REALTIME_SAMPLE_RATE);
  private readonly pending: PendingCommit[] = [];
  private failure: RealtimeAsrError | undefined;
  /** Events sent before the session exists wait here, in order. */
  private queued: RealtimeClientEvent[] | undefined = [];

  constructor(private readonly options: RealtimeStreamOptions) {
    this.rt = new OpenAIRealtimeWS({ intent: 'transcription' }, options.client);
    this.opened = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(this.fail(new RealtimeAsrError('realtime connection timed out'))), options.connectTimeoutMs);
      this.rt.on('session.created', () => {
        clearTimeout(timer);
        resolve();
      });
      this.rt.socket.once('close', () => {
        clearTimeout(timer);
        reject(this.failure ?? new RealtimeAsrError('realtime connection closed before the session started'));
      });
    });
    // Failures reach the commits; the catch only keeps an unobserved rejection from being reported.
    this.opened.then(() => this.flushQueue()).catch(() => undefined);
    this.rt.socket.once('open', () => this.configure());
    this.rt.on('error', (error) => this.fail(new RealtimeAsrError(`realtime: ${error.message}`, { cause: error })));
    this.rt.socket.on('close', (code: number) => this.fail(new RealtimeAsrError(`realtime connection closed (${code})`)));
    this.rt.on('input_audio_buffer.committed', (e) => {
      const next = this.pending.find((p) => p.itemId === undefined);
      if (next) next.itemId = e.item_id;
    });
    this.rt.on('conversation.item.input_audio_transcription.delta', (e) => {
      const p = this.pending.find((x) => x.itemId === e.item_id);
      if (!p || !e.delta) return;
      p.text += e.delta;
      p.onDelta(p.text);
    });
    this.rt.on('conversation.item.input_audio_transcription.completed', (e) => {
      const i = this.pending.findIndex((x) => x.itemId === e.item_id);
      if (i < 0) return;
      const [p] = this.pending.splice(i, 1);
      p.resolve({ text: e.transcript, ...(this.options.language && { language: this.options.language }), ...confidenceOf(e.logprobs) });
    });
    this.rt.on('conversation.item.input_audio_transcription.failed', (e) =>
      this.fail(new RealtimeAsrError(`realtime transcription failed: ${e.error.message ?? e.error.code ?? 'unknown'}`)),
    );
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Appends 16 kHz audio of the open window; sent once the connection is up. */
  append(samples: Float32Array): void {
    this.sendAudio(this.resampler.push(samples));
  }

  /** Drops the audio appended since the last commit (the window was cut earlier than appended). */
  clear(): void {
    this.resampler.flush();
    this.send({ type: 'input_audio_buffer.clear' });
  }

  /** Ends the window: commits what was appended and resolves with its transcript. */
  async commit(onDelta: DeltaListener, signal: AbortSignal): Promise<AsrResult> {
    this.sendAudio(this.resampler.flush());
    if (this.failure) throw this.failure;
    const done = new Promise<AsrResult>((resolve, reject) => this.pending.push({ text: '', onDelta, resolve, reject }));
    this.send({ type: 'input_audio_buffer.commit' });
    const onAbort = () => this.fail(new RealtimeAsrError(`realtime commit abandoned: ${String((signal.reason as Error | undefined)?.message ?? signal.reason)}`));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await done;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.fail(new RealtimeAsrError('realtime stream closed'));
  }

  private configure(): void {
    this.rt.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: REALTIME_SAMPLE_RATE },
            transcription: { model: this.options.model, ...(this.options.language && { language: this.options.language }), ...(this.options.prompt && { prompt: this.options.prompt }) },
            turn_detection: null,
          },
        },
      },
    });
  }

  private sendAudio(samples: Float32Array): void {
    if (samples.length === 0) return;
    this.send({ type: 'input_audio_buffer.append', audio: encodePcm16(samples).toString('base64') });
  }

  /** Sends in order once the session exists; nothing is sent after a failure. */
  private send(event: RealtimeClientEvent): void {
    if (this.failure) return;
    if (this.queued) this.queued.push(event);
    else this.rt.send(event);
  }

  private flushQueue(): void {
    const events = this.queued ?? [];
    this.queued = undefined;
    for (const e of events) this.send(e);
  }

  private fail(error: RealtimeAsrError): RealtimeAsrError {
    if (!this.failure) {
      this.failure = error;
      this.queued = undefined;
      try {
        this.rt.close({ code: 1000, reason: 'done' });
      } catch {
        // already closed
      }
    }
    for (const p of this.pending.splice(0)) p.reject(this.failure);
    return this.failure;
  }
}

/** Mean token probability, when the server sent logprobs. */
function confidenceOf(logprobs: { logprob: number }[] | null | undefined): { confidence?: number } {
  if (!logprobs?.length) return {};
  return { confidence: logprobs.reduce((n, l) => n + Math.exp(l.logprob), 0) / logprobs.length };
}
