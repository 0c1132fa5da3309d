/*
 * Energy + zero-crossing-rate voice activity detection with an adaptive noise floor, in the
 * spirit of Rabiner & Sambur's endpoint detector. We chose it over a WebRTC-VAD port because it
 * is a page of code we can read and test, needs no native module or per-rate GMM tables,
 * and our windows only need robust speech/pause boundaries: the ASR does the fine work.
 *
 * - A frame is voiced when its energy is `thresholdDb` above the noise floor, or a weaker
 *   `weakThresholdDb` above it with a zero-crossing rate unlike the noise's (weak fricatives,
 *   soft onsets, which energy alone misses).
 * - The floor falls fast (a quiet frame is strong evidence) and rises slowly through speech, but
 *   quickly when the energy is steady: stationary sound is noise (fans, hum, a raised room
 *   level), speech energy swings by tens of dB within half a second.
 * - `onsetMs` of consecutive voiced frames start speech; `hangoverMs` of unvoiced frames end it,
 *   so short gaps between words and trailing consonants stay inside the speech run.
 */
import { ASR_SAMPLE_RATE } from './sample-rate.js';

export interface VadOptions {
  frameMs: number;
  thresholdDb: number;
  weakThresholdDb: number;
  /** Absolute ZCR difference from the noise's ZCR that makes a weak frame voiced. */
  zcrDelta: number;
  onsetMs: number;
  hangoverMs: number;
  /** The floor never drops below this, so digital silence cannot make faint hiss look like speech. */
  minFloorDb: number;
  /** Per-frame smoothing toward a quieter frame. */
  fallRate: number;
  /** Per-frame smoothing toward louder unvoiced or stationary frames. */
  adaptRate: number;
  /** Creep of the floor through non-stationary voiced audio. */
  riseDbPerSecond: number;
  stationaryMs: number;
  stationaryRangeDb: number;
}

export const DEFAULT_VAD_OPTIONS: Readonly<VadOptions> = {
  frameMs: 20,
  thresholdDb: 9,
  weakThresholdDb: 4,
  zcrDelta: 0.15,
  onsetMs: 60,
  hangoverMs: 300,
  minFloorDb: -65,
  fallRate: 0.2,
  adaptRate: 0.05,
  riseDbPerSecond: 0.5,
  stationaryMs: 500,
  stationaryRangeDb: 3,
};

export interface VadFrame {
  /** Smoothed decision: true from onset through the hangover. */
  speech: boolean;
  /** This frame alone looks like speech. */
  voiced: boolean;
  /** On the frame where speech starts: how many earlier frames belong to the run (onset delay). */
  onsetLagFrames: number;
  energyDb: number;
  zcr: number;
  /** Floor in effect when this frame was judged. */
  noiseFloorDb: number;
}

const SILENCE_DB = -100;

export class VoiceActivityDetector {
  readonly options: Readonly<VadOptions>;
  readonly frameSamples: number;
  private readonly onsetFrames: number;
  private readonly hangoverFrames: number;
  private readonly riseDbPerFrame: number;
  private readonly recent: Float64Array;
  private frames = 0;
  private floorDb = 0;
  private noiseZcr = 0;
  private voicedRun = 0;
  private unvoicedRun = 0;
  private speech = false;

  constructor(options: Partial<VadOptions> = {}) {
    this.options = { ...DEFAULT_VAD_OPTIONS, ...options };
    const { frameMs, onsetMs, hangoverMs, riseDbPerSecond, stationaryMs } = this.options;
    this.frameSamples = Math.round((frameMs * ASR_SAMPLE_RATE) / 1000);
    this.onsetFrames = Math.max(1, Math.round(onsetMs / frameMs));
    this.hangoverFrames = Math.max(1, Math.round(hangoverMs / frameMs));
    this.riseDbPerFrame = (riseDbPerSecond * frameMs) / 1000;
    this.recent = new Float64Array(Math.max(2, Math.round(stationaryMs / frameMs)));
  }

  get noiseFloorDb(): number {
    return this.floorDb;
  }

  process(frame: Float32Array): VadFrame {
    if (frame.length !== this.frameSamples) {
      throw new RangeError(`VAD frames must have ${this.frameSamples} samples, got ${frame.length}`);
    }
    const { energyDb, zcr } = measure(frame);
    const o = this.options;
    if (this.frames === 0) {
      // Assume the stream opens on background sound: the mic is live before anyone speaks.
      this.floorDb = Math.max(energyDb, o.minFloorDb);
      this.noiseZcr = zcr;
    }
    const floorDb = this.floorDb;
    const above = energyDb - floorDb;
    const voiced =
      above >= o.thresholdDb || (above >= o.weakThresholdDb && Math.abs(zcr - this.noiseZcr) >= o.zcrDelta);

    this.recent[this.frames % this.recent.length] = energyDb;
    this.frames++;
    this.adapt(energyDb, zcr, voiced);

    let onsetLagFrames = 0;
    this.voicedRun = voiced ? this.voicedRun + 1 : 0;
    this.unvoicedRun = voiced ? 0 : this.unvoicedRun + 1;
    if (!this.speech && this.voicedRun >= this.onsetFrames) {
      this.speech = true;
      onsetLagFrames = this.onsetFrames - 1;
    } else if (this.speech && this.unvoicedRun >= this.hangoverFrames) {
      this.speech = false;
    }
    return { speech: this.speech, voiced, onsetLagFrames, energyDb, zcr, noiseFloorDb: floorDb };
  }

  reset(): void {
    this.frames = this.voicedRun = this.unvoicedRun = 0;
    this.speech = false;
  }

  private adapt(energyDb: number, zcr: number, voiced: boolean): void {
    const o = this.options;
    if (energyDb < this.floorDb) {
      this.floorDb += (energyDb - this.floorDb) * o.fallRate;
    } else if (!voiced || this.stationary()) {
      this.floorDb += (energyDb - this.floorDb) * o.adaptRate;
    } else {
      this.floorDb += Math.min(this.riseDbPerFrame, energyDb - this.floorDb);
    }
    this.floorDb = Math.max(this.floorDb, o.minFloorDb);
    if (!voiced) this.noiseZcr += (zcr - this.noiseZcr) * o.adaptRate;
  }

  private stationary(): boolean {
    if (this.frames < this.recent.length) return false;
    let min = Infinity;
    let max = -Infinity;
    for (const e of this.recent) {
      if (e < min) min = e;
      if (e > max) max = e;
    }
    return max - min <= this.options.stationaryRangeDb;
  }
}

function measure(frame: Float32Array): { energyDb: number; zcr: number } {
  let sum = 0;
  let crossings = 0;
  for (let i = 0; i < frame.length; i++) {
    const x = frame[i];
    sum += x * x;
    if (i > 0 && x >= 0 !== frame[i - 1] >= 0) crossings++;
  }
  const meanSquare = sum / frame.length;
  const energyDb = meanSquare > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(meanSquare)) : SILENCE_DB;
  return { energyDb, zcr: crossings / (frame.length - 1) };
}
