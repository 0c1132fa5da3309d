import { describe, expect, it } from 'vitest';
import { StreamingResampler } from './resampler.js';
import { concat, seededRandom, sine, whiteNoise } from './test-signals.js';

function resampleInChunks(rate: number, input: Float32Array, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const resampler = new StreamingResampler(rate);
  const parts: Float32Array[] = [];
  for (let at = 0; at < input.length;) {
    // Mix tiny (1-sample, empty) chunks with large ones.
    const size = Math.floor(rand() ** 3 * 4000);
    parts.push(resampler.push(input.subarray(at, at + size)));
    at += size;
  }
  parts.push(resampler.flush());
  return concat(...parts);
}

const whole = (rate: number, input: Float32Array): Float32Array => {
  const resampler = new StreamingResampler(rate);
  return concat(resampler.push(input), resampler.flush());
};

function maxAbsDiff(a: Float32Array, b: Float32Array, from = 0, to = a.length): number {
  let max = 0;
  for (let i = from; i < to; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Amplitude of `signal` at `frequency` (16 kHz), by correlation over a whole number of periods. */
function amplitudeAt(signal: Float32Array, frequency: number, from: number, to: number): number {
  let re = 0;
  let im = 0;
  for (let n = from; n < to; n++) {
    re += signal[n] * Math.cos((2 * Math.PI * frequency * n) / 16000);
    im += signal[n] * Math.sin((2 * Math.PI * frequency * n) / 16000);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

const RATES = [8000, 11025, 12000, 22050, 24000, 32000, 44100, 47999, 48000];

describe('StreamingResampler', () => {
  it('passes 16 kHz through untouched, without copying (the caller hands its chunk over)', () => {
    const input = whiteNoise(5000, -20);
    const resampler = new StreamingResampler(16000);
    const out = resampler.push(input);
    expect(out).toEqual(input);
    expect(out).toBe(input);
    expect(resampler.flush()).toHaveLength(0);
  });

  it.each(RATES)('%i Hz: chunked equals whole to the bit, with the exact output length', (rate) => {
    const input = whiteNoise(rate + 7, -10, rate);
    const reference = whole(rate, input);
    expect(reference).toHaveLength(Math.ceil((input.length * 16000) / rate));
    const chunked = resampleInChunks(rate, input, rate + 1);
    // Each output sample is computed from the same taps whatever the chunking: bit-identical.
    expect(chunked).toEqual(reference);
  });

  it.each(RATES)('%i Hz: keeps a 1 kHz tone in place and at full level', (rate) => {
    const out = whole(rate, sine(rate, 1000, rate, 0.5));
    const expected = sine(out.length, 1000, 16000, 0.5);
    // Away from the stream edges (where the kernel sees the implied silence) it is the ideal tone.
    expect(maxAbsDiff(out, expected, 200, out.length - 200)).toBeLessThan(2e-3);
  });

  it.each([
    { rate: 48000, frequency: 6000, min: 0.95, max: 1.01 },
    { rate: 44100, frequency: 6500, min: 0.9, max: 1.01 },
    { rate: 48000, frequency: 9000, min: 0, max: 1e-3 },
    { rate: 48000, frequency: 12000, min: 0, max: 1e-3 },
    { rate: 44100, frequency: 15000, min: 0, max: 1e-3 },
    { rate: 32000, frequency: 10000, min: 0, max: 1e-3 },
  ])(
    '$rate Hz: a $frequency Hz tone comes out with gain in [$min, $max]',
    ({ rate, frequency, min, max }) => {
      const out = whole(rate, sine(rate, frequency, rate, 1));
      // An alias folds to |16000·k − f|; measure the output where it would land.
      const folded = frequency > 8000 ? 16000 - frequency : frequency;
      const gain = amplitudeAt(out, folded, 1000, 15000);
      expect(gain).toBeGreaterThanOrEqual(min);
      expect(gain).toBeLessThanOrEqual(max);
    },
  );

  it('upsamples 16 kHz to 24 kHz for the realtime API: the tone in place, chunking-independent', () => {
    const input = sine(16000, 1000, 16000, 0.5);
    const up = new StreamingResampler(16000, 24000);
    const out = concat(up.push(input), up.flush());
    expect(out).toHaveLength(24000);
    expect(maxAbsDiff(out, sine(24000, 1000, 24000, 0.5), 300, 23700)).toBeLessThan(2e-3);
    const chunked = new StreamingResampler(16000, 24000);
    const parts = [0, 1234, 5000, 16000].map((at, i, all) => chunked.push(input.subarray(at, all[i + 1])));
    expect(concat(...parts, chunked.flush())).toEqual(out);
  });

  it('starts a new stream after flush', () => {
    const resampler = new StreamingResampler(44100);
    const input = whiteNoise(10000, -10, 5);
    const first = concat(resampler.push(input), resampler.flush());
    const second = concat(resampler.push(input), resampler.flush());
    expect(second).toEqual(first);
  });

  it.each([7999, 48001, 44100.5, Number.NaN])('rejects %d Hz', (rate) => {
    expect(() => new StreamingResampler(rate)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SAMPLE_RATE' }),
    );
  });
});
