import { Logger } from '@nestjs/common';
import { BreakerOpenError, NonRetriableError } from '#src/resilience/resilience.errors.js';
import { backoffDelay, sleep } from '#src/resilience/retry.js';
import type { AudioWindow } from '../audio/audio-window.js';
import type { AsrRequest, AsrResult, SpeakerReference } from '../asr/asr-provider.js';
import type { DeltaListener } from '../asr/realtime-asr-stream.js';
import type { ProcessorDeps } from './processor-deps.js';
import { RealtimeWindows } from './realtime-windows.js';
import { asrPrompt } from '../asr/asr-prompt.js';

/** Retries of a window the ASR failed: jittered, so sessions waiting out one outage do not retry in step. */
const FINAL_BACKOFF = { baseMs: 250, maxMs: 2_000 };

/**
 * A session's ASR requests: windowed ones through the breaker (with the process's load count and
 * the metrics), and in realtime mode the session's realtime connection first, windowed after its
 * first failure.
 */
export class WindowAsr {
  private readonly logger = new Logger(WindowAsr.name);
  /** Realtime mode only, for the session's whole life (its failure is final). */
  readonly realtime: RealtimeWindows | undefined;
  /** How long the last final took, for the added-latency metric. */
  lastFinalMs: number | undefined;

  constructor(
    private readonly sessionId: string,
    private readonly deps: ProcessorDeps,
    private readonly signal: AbortSignal,
    private readonly language: string | undefined,
    private readonly vocabulary: readonly string[] = [],
  ) {
    const realtime = deps.asr.realtime;
    if (realtime) {
      this.realtime = new RealtimeWindows(realtime, deps.breakers, {
        breaker: realtime.breaker,
        timeoutMs: deps.options.realtimeCommitTimeoutMs,
        idleCloseMs: deps.options.realtimeIdleCloseMs,
        language,
        prompt: asrPrompt(vocabulary, undefined),
      });
    }
  }

  /** What the session's stats say transcribed it (`asrFallback`: why realtime was left). */
  stats(): { asr: string; asrMode?: 'windowed' | 'realtime'; asrFallback?: string } {
    const { model, provider, mode } = this.deps.asr.info;
    const name = model ?? provider;
    if (mode !== 'realtime') return { asr: name };
    const failure = this.realtime?.failure;
    if (!failure) return { asr: `${name} (realtime)`, asrMode: 'realtime' };
    return { asr: `${name} (windowed; realtime failed: ${failure})`, asrMode: 'windowed', asrFallback: failure };
  }

  /**
   * A closed window's transcript. Retries until it has one (live: while the ASR is down the audio
   * waits here and in the spool), or throws after `attempts` (a stored recording: its job retries
   * later from the checkpoint). Undefined when the ASR refused the window as malformed.
   */
  async final(
    w: AudioWindow,
    context: { prompt?: string; speakers?: SpeakerReference[] },
    onDelta: DeltaListener,
    attempts = Infinity,
  ): Promise<AsrResult | undefined> {
    const realtime = await this.finalRealtime(w, onDelta);
    if (realtime) return realtime;
    const request = { samples: w.samples, kind: 'final' as const, ...context };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(request, this.deps.options.asr.retries);
      } catch (error) {
        if (this.signal.aborted) throw error;
        if (error instanceof NonRetriableError) {
          this.logger.warn(`session ${this.sessionId}: window dropped, the ASR refused it: ${error.message}`);
          return undefined;
        }
        if (attempt + 1 >= attempts) throw error;
        if (!(error instanceof BreakerOpenError) && attempt % 10 === 0) {
          this.logger.warn(`session ${this.sessionId}: ASR failed, audio kept, retrying: ${(error as Error).message}`);
        }
        await sleep(backoffDelay(attempt, FINAL_BACKOFF), this.signal);
      }
    }
  }

  /** One windowed request through the breaker. */
  async request(req: Omit<AsrRequest, 'signal' | 'language' | 'vocabulary'>, retries: number): Promise<AsrResult> {
    const started = performance.now();
    const { breaker, timeoutMs } = this.deps.options.asr;
    const release = req.kind === 'final' ? this.deps.asrLoad.final() : undefined;
    try {
      const result = await this.deps.breakers.run(breaker, (signal) => this.deps.asr.transcribe({ ...req, language: this.language, vocabulary: this.vocabulary, signal }), {
        timeoutMs,
        retries,
        signal: this.signal,
        retryAfterMs: (e) => this.deps.retryAfterMs(e),
      });
      const seconds = (performance.now() - started) / 1000;
      this.deps.metrics.asrDuration.observe({ kind: req.kind, outcome: 'ok' }, seconds);
      if (req.kind === 'final') this.lastFinalMs = seconds * 1000;
      return result;
    } catch (error) {
      this.deps.metrics.asrDuration.observe(
        { kind: req.kind, outcome: error instanceof BreakerOpenError ? 'rejected' : 'error' },
        (performance.now() - started) / 1000,
      );
      throw error;
    } finally {
      release?.();
    }
  }

  close(): void {
    this.realtime?.close();
  }

  /** Realtime while it works for this session; on its first failure the session falls back to windowed, starting with this window. */
  private async finalRealtime(w: AudioWindow, onDelta: DeltaListener): Promise<AsrResult | undefined> {
    if (!this.realtime?.active) return undefined;
    const started = performance.now();
    try {
      const result = await this.realtime.transcribe(w, onDelta, this.signal);
      this.lastFinalMs = performance.now() - started;
      this.deps.metrics.asrDuration.observe({ kind: 'final', outcome: 'ok' }, this.lastFinalMs / 1000);
      return result;
    } catch (error) {
      if (this.signal.aborted) throw error;
      const reason = (error as Error).message;
      this.deps.metrics.asrDuration.observe({ kind: 'final', outcome: 'error' }, (performance.now() - started) / 1000);
      this.logger.warn(`session ${this.sessionId}: realtime transcription failed, falling back to windowed: ${reason}`);
      await this.deps.fellBack(this.sessionId, {
        ...this.deps.asr.info,
        mode: 'windowed',
        message: `Realtime transcription failed (${reason}); using windowed transcription`,
      });
      return undefined;
    }
  }
}
