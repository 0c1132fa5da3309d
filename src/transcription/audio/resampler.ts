/*
 * Band-limited interpolation with a Blackman-windowed sinc (the Smith/libresample approach): every
 * output sample is a weighted sum of the input around its exact position. When downsampling the
 * sinc is stretched so its cutoff sits below the new Nyquist, which is the anti-alias low-pass.
 * Linear interpolation would be cheaper but aliases 8–24 kHz content from 48 kHz microphones
 * straight into the band the ASR listens to. Output n depends only on the input and n, never on
 * how the input was chunked, so chunked and whole resampling agree to the bit.
 */
import { AudioFormatError } from './audio-format.error.js';
import { ASR_SAMPLE_RATE } from './sample-rate.js';

const ZERO_CROSSINGS = 24;
const TABLE_STEPS = 512;
/** Cutoff as a fraction of the lower Nyquist: keeps the transition band out of the aliasing zone. */
const ROLLOFF = 0.9;
export const MIN_INPUT_RATE = 8_000;
export const MAX_INPUT_RATE = 48_000;

const MAX_CACHED_PHASES = 1000;

interface Taps {
  /** First input index relative to the integer part of the position. */
  offset: number;
  weights: Float64Array;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

let kernelTable: Float64Array | undefined;

/** Half of the symmetric kernel, sampled TABLE_STEPS times per zero crossing. */
function kernel(): Float64Array {
  if (kernelTable) return kernelTable;
  const table = new Float64Array(ZERO_CROSSINGS * TABLE_STEPS + 2);
  for (let i = 0; i < table.length; i++) {
    const u = i / TABLE_STEPS;
    if (u >= ZERO_CROSSINGS) continue;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    const w =
      0.42 +
      0.5 * Math.cos((Math.PI * u) / ZERO_CROSSINGS) +
      0.08 * Math.cos((2 * Math.PI * u) / ZERO_CROSSINGS);
    table[i] = sinc * w;
  }
  return (kernelTable = table);
}

/** Streams any rate in 8–48 kHz to 16 kHz mono (or another output rate), carrying history across chunks. */
export class StreamingResampler {
  private readonly identity: boolean;
  /** Kernel zero crossings per input sample (< 1 when downsampling). */
  private readonly scale: number;
  /** Half-width of the kernel in input samples. */
  private readonly reach: number;
  /** Taps per phase; common rates have few phases (48 kHz: 1, 44.1 kHz: 160), odd ones too many to keep. */
  private readonly bank: (Taps | undefined)[] = [];
  private readonly cacheable: boolean;
  private history = new Float32Array(0);
  /** Absolute input index of history[0]. */
  private historyStart = 0;
  private received = 0;
  private produced = 0;

  constructor(
    readonly inputRate: number,
    readonly outputRate = ASR_SAMPLE_RATE,
  ) {
    if (!Number.isInteger(inputRate) || inputRate < MIN_INPUT_RATE || inputRate > MAX_INPUT_RATE) {
      throw new AudioFormatError(
        'UNSUPPORTED_SAMPLE_RATE',
        `Sample rate must be an integer from ${MIN_INPUT_RATE} to ${MAX_INPUT_RATE} Hz, got ${inputRate}`,
      );
    }
    this.identity = inputRate === outputRate;
    this.scale = Math.min(1, outputRate / inputRate) * ROLLOFF;
    this.reach = ZERO_CROSSINGS / this.scale;
    this.cacheable = outputRate / gcd(inputRate, outputRate) <= MAX_CACHED_PHASES;
  }

  /**
   * Returns the output samples that are final so far; the last few wait for look-ahead until the next
   * push or flush. At equal rates `chunk` itself is returned: it is handed over, not copied.
   */
  push(chunk: Float32Array): Float32Array {
    // The caller hands over its chunk (the processor decodes a fresh one each time): no copy.
    if (this.identity) return chunk;
    const merged = new Float32Array(this.history.length + chunk.length);
    merged.set(this.history);
    merged.set(chunk, this.history.length);
    this.history = merged;
    this.received += chunk.length;
    return this.drain(false);
  }

  /** Ends the stream: the tail is computed as if silence followed. The resampler is then ready for a new stream. */
  flush(): Float32Array {
    const tail = this.identity ? new Float32Array(0) : this.drain(true);
    this.history = new Float32Array(0);
    this.historyStart = this.received = this.produced = 0;
    return tail;
  }

  private drain(final: boolean): Float32Array {
    const count = final
      ? Math.ceil((this.received * this.outputRate) / this.inputRate) - this.produced
      : Math.floor(((this.received - this.reach) * this.outputRate) / this.inputRate) - this.produced + 2;
    const out = new Float32Array(Math.max(0, count));
    let n = 0;
    for (; n < out.length; n++) {
      // Exact rational position of output sample `produced` in input samples: produced * inputRate / outputRate.
      const num = this.produced * this.inputRate;
      const base = Math.floor(num / this.outputRate);
      const phase = num - base * this.outputRate;
      const { offset, weights } = this.bank[phase] ?? this.taps(phase);
      const first = base + offset;
      if (!final && first + weights.length > this.received) break;
      let acc = 0;
      const at = first - this.historyStart;
      if (first >= 0 && first + weights.length <= this.received) {
        for (let j = 0; j < weights.length; j++) acc += weights[j] * this.history[at + j];
      } else {
        // Stream edges: taps before the start or past the flushed end read silence.
        for (let j = 0; j < weights.length; j++) {
          const k = first + j;
          if (k >= 0 && k < this.received) acc += weights[j] * this.history[at + j];
        }
      }
      out[n] = acc;
      this.produced++;
    }
    this.trim();
    return n === out.length ? out : out.slice(0, n);
  }

  /** Normalised kernel weights for one fractional position; they depend only on the phase, so they are cached per phase. */
  private taps(phase: number): Taps {
    const frac = phase / this.outputRate;
    const offset = Math.ceil(frac - this.reach);
    const table = kernel();
    const weights = new Float64Array(Math.floor(frac + this.reach) - offset + 1);
    let norm = 0;
    for (let j = 0; j < weights.length; j++) {
      const u = Math.abs(frac - (offset + j)) * this.scale * TABLE_STEPS;
      const i = Math.floor(u);
      weights[j] = table[i] + (table[i + 1] - table[i]) * (u - i);
      norm += weights[j];
    }
    // Unit gain at DC for every phase, whatever the table interpolation did.
    for (let j = 0; j < weights.length; j++) weights[j] /= norm;
    const taps = { offset, weights };
    if (this.cacheable) this.bank[phase] = taps;
    return taps;
  }

  private trim(): void {
    const next = (this.produced * this.inputRate) / this.outputRate;
    const keepFrom = Math.max(0, Math.ceil(next - this.reach) - 1);
    if (keepFrom > this.historyStart) {
      this.history = this.history.slice(keepFrom - this.historyStart);
      this.historyStart = keepFrom;
    }
  }
}
