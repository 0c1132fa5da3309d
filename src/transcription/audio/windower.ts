import type { AudioSpan, WindowStats, WindowerEvent } from './audio-window.js';
import { SampleBuffer } from './sample-buffer.js';
import { msToSamples, samplesToMs } from './sample-rate.js';
import { VoiceActivityDetector, type VadOptions } from './vad.js';

export interface WindowerOptions {
  /** Audio kept before the first voiced frame, so soft onsets reach the ASR. */
  preRollMs: number;
  /** Silence after the VAD's speech run (which already includes its hangover) that closes a window. */
  closeSilenceMs: number;
  maxWindowMs: number;
  /** Audio repeated at the start of the window after a force cut. */
  overlapMs: number;
  /** A force cut lands on the quietest frame of this final stretch, so it rarely splits a word. */
  cutSearchMs: number;
  interimEveryMs: number;
  /** Windows whose speech is less than this above the final noise floor are discarded. */
  minSnrDb: number;
  vad: Partial<VadOptions>;
}

export const DEFAULT_WINDOWER_OPTIONS: Readonly<WindowerOptions> = {
  preRollMs: 200,
  closeSilenceMs: 300,
  maxWindowMs: 15_000,
  overlapMs: 500,
  cutSearchMs: 1_000,
  interimEveryMs: 1_000,
  minSnrDb: 6,
  vad: {},
};

interface OpenWindow {
  index: number;
  start: number;
  /** Audio before this was already in an emitted window (the overlap after a force cut). */
  newFrom: number;
  lastSpeechEnd: number;
  lastInterim: number;
}

/**
 * Turns a 16 kHz stream, pushed in any chunk sizes, into ASR windows: opened at speech onset
 * with pre-roll, closed at a pause, force-cut at the maximum length with overlap. Decisions are
 * made per VAD frame, so the result does not depend on how the stream was chunked.
 */
export class AudioWindower {
  private readonly options: WindowerOptions;
  private readonly vad: VoiceActivityDetector;
  private readonly buffer = new SampleBuffer();
  private readonly frame: number;
  private readonly lead: number;
  /** Per-frame energy and voicing from `frameBase` on: window stats and cut search. */
  private frameEnergyDb: number[] = [];
  private frameVoiced: boolean[] = [];
  private frameBase = 0;
  private framed = 0;
  private speech = false;
  private open: OpenWindow | undefined;
  private nextIndex = 0;
  private lastClosedEnd = 0;
  private lastEmittedEnd = 0;
  private finished = false;

  constructor(options: Partial<WindowerOptions> = {}) {
    this.options = { ...DEFAULT_WINDOWER_OPTIONS, ...options };
    this.vad = new VoiceActivityDetector(this.options.vad);
    this.frame = this.vad.frameSamples;
    const { preRollMs, maxWindowMs, overlapMs, cutSearchMs } = this.options;
    if (overlapMs + cutSearchMs >= maxWindowMs)
      throw new RangeError('overlapMs + cutSearchMs must be below maxWindowMs');
    this.lead = this.alignUp(msToSamples(preRollMs + this.vad.options.onsetMs)) + this.frame;
  }

  push(chunk: Float32Array): WindowerEvent[] {
    if (this.finished) throw new Error('AudioWindower.push after flush');
    this.buffer.append(chunk);
    const events: WindowerEvent[] = [];
    while (this.framed + this.frame <= this.buffer.end) this.step(events);
    this.trim();
    return events;
  }

  /**
   * A copy of samples still held (the open window's, and the lead before it), or undefined when
   * part of the range is gone already. Valid for events of the last `push` while handling them.
   */
  copy(from: number, to: number): Float32Array | undefined {
    if (from < this.buffer.start || to > this.buffer.end || from >= to) return undefined;
    return this.buffer.copy(from, to);
  }

  /** Ends the stream, closing an open window; a window still in speech keeps the partial last frame. */
  flush(): WindowerEvent[] {
    const events: WindowerEvent[] = [];
    if (this.finished) return events;
    this.finished = true;
    if (this.open) {
      const end = this.speech ? this.buffer.end : this.open.lastSpeechEnd;
      if (end - this.open.start > this.ms(this.options.maxWindowMs)) this.cut(events);
      this.close(end, false, events);
    }
    return events;
  }

  private step(events: WindowerEvent[]): void {
    const start = this.framed;
    const end = start + this.frame;
    const r = this.vad.process(this.buffer.view(start, end));
    this.frameEnergyDb.push(r.energyDb);
    this.frameVoiced.push(r.voiced);
    this.framed = end;
    this.speech = r.speech;
    const w = this.open;
    if (!w) {
      if (!r.speech) return;
      const from = start - r.onsetLagFrames * this.frame - this.ms(this.options.preRollMs);
      const windowStart = Math.max(from, this.lastClosedEnd, this.buffer.start, 0);
      this.open = {
        index: this.nextIndex++,
        start: windowStart,
        newFrom: windowStart,
        lastSpeechEnd: end,
        lastInterim: end,
      };
      return;
    }
    if (r.speech) w.lastSpeechEnd = end;
    if (end - w.lastSpeechEnd >= this.ms(this.options.closeSilenceMs)) {
      this.close(w.lastSpeechEnd, false, events);
    } else if (end - w.start >= this.ms(this.options.maxWindowMs)) {
      this.cut(events);
    } else if (r.speech && end - w.lastInterim >= this.ms(this.options.interimEveryMs)) {
      w.lastInterim = end;
      events.push({ kind: 'interim', ...this.span(w.index, w.start, end) });
    }
  }

  /** Closes the open window at its quietest recent frame and reopens one `overlapMs` earlier. */
  private cut(events: WindowerEvent[]): void {
    const w = this.open!;
    const searchFrom = w.start + this.ms(this.options.maxWindowMs - this.options.cutSearchMs);
    let best = -1;
    for (let f = Math.ceil(searchFrom / this.frame); (f + 1) * this.frame <= this.framed; f++) {
      if ((f + 1) * this.frame - w.start > this.ms(this.options.maxWindowMs)) break;
      const e = this.frameEnergyDb[f - this.frameBase];
      if (best < 0 || e <= this.frameEnergyDb[best - this.frameBase]) best = f;
    }
    const cutAt = best < 0 ? this.framed : (best + 1) * this.frame;
    this.close(cutAt, true, events);
    const start = cutAt - this.ms(this.options.overlapMs);
    this.open = {
      index: this.nextIndex++,
      start,
      newFrom: cutAt,
      lastSpeechEnd: w.lastSpeechEnd,
      lastInterim: this.framed,
    };
  }

  private close(end: number, forceCut: boolean, events: WindowerEvent[]): void {
    const w = this.open!;
    this.open = undefined;
    this.lastClosedEnd = Math.max(this.lastClosedEnd, end);
    const span = this.span(w.index, w.start, end);
    if (end <= w.newFrom) {
      events.push({ kind: 'discarded', reason: 'no-new-audio', ...span });
      return;
    }
    const stats = this.stats(w.start, end);
    if (stats.speechDb - stats.noiseFloorDb < this.options.minSnrDb) {
      events.push({ kind: 'discarded', reason: 'low-snr', ...span });
      return;
    }
    const overlapMs = samplesToMs(Math.max(0, this.lastEmittedEnd - w.start));
    this.lastEmittedEnd = end;
    events.push({
      kind: 'final',
      ...span,
      samples: this.buffer.copy(w.start, end),
      overlapMs,
      forceCut,
      stats,
    });
  }

  private stats(start: number, end: number): WindowStats {
    const rms = Math.sqrt(this.buffer.sumSquares(start, end) / Math.max(1, end - start));
    let voicedPower = 0;
    let voiced = 0;
    for (let f = Math.ceil(start / this.frame); (f + 1) * this.frame <= end; f++) {
      if (!this.frameVoiced[f - this.frameBase]) continue;
      voicedPower += 10 ** (this.frameEnergyDb[f - this.frameBase] / 10);
      voiced++;
    }
    const rmsDb = toDb(rms * rms);
    return {
      rms,
      rmsDb,
      speechDb: voiced > 0 ? toDb(voicedPower / voiced) : rmsDb,
      noiseFloorDb: this.vad.noiseFloorDb,
      voicedMs: samplesToMs(voiced * this.frame),
    };
  }

  private trim(): void {
    const keep = this.open ? this.open.start : Math.max(0, this.framed - this.lead);
    const frame = Math.floor(keep / this.frame);
    this.buffer.trim(frame * this.frame);
    if (frame > this.frameBase) {
      this.frameEnergyDb.splice(0, frame - this.frameBase);
      this.frameVoiced.splice(0, frame - this.frameBase);
      this.frameBase = frame;
    }
  }

  private span(index: number, startSample: number, endSample: number): AudioSpan {
    return {
      index,
      startSample,
      endSample,
      startMs: samplesToMs(startSample),
      endMs: samplesToMs(endSample),
    };
  }

  private ms(ms: number): number {
    return msToSamples(ms);
  }

  private alignUp(samples: number): number {
    return Math.ceil(samples / this.frame) * this.frame;
  }
}

const toDb = (power: number): number => (power > 0 ? Math.max(-100, 10 * Math.log10(power)) : -100);
