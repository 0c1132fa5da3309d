import { describe, expect, it } from 'vitest';
import { concat, dbToAmplitude, mix, sine, syllabicTone, whiteNoise } from './test-signals.js';
import { DEFAULT_VAD_OPTIONS, VoiceActivityDetector, type VadFrame } from './vad.js';

const SECOND = 16000;
const FRAMES_PER_SECOND = 50;

function frames(signal: Float32Array, vad = new VoiceActivityDetector()): VadFrame[] {
  const out: VadFrame[] = [];
  for (let at = 0; at + vad.frameSamples <= signal.length; at += vad.frameSamples) {
    out.push(vad.process(signal.subarray(at, at + vad.frameSamples)));
  }
  return out;
}

/** A sine whose energy is `db` dBFS (power a²/2). */
const hum = (seconds: number, db: number): Float32Array =>
  sine(seconds * SECOND, 100, SECOND, Math.SQRT2 * dbToAmplitude(db));

describe('VoiceActivityDetector', () => {
  it('never hears speech in digital silence, and its floor stays at the minimum', () => {
    const result = frames(new Float32Array(5 * SECOND));
    expect(result.some((f) => f.voiced || f.speech)).toBe(false);
    expect(result.at(-1)!.noiseFloorDb).toBe(DEFAULT_VAD_OPTIONS.minFloorDb);
  });

  it.each([-60, -50, -35, -20])(
    'takes steady %d dBFS noise from the start as the floor, not speech',
    (level) => {
      const result = frames(whiteNoise(5 * SECOND, level, 11));
      expect(result.filter((f) => f.speech)).toHaveLength(0);
      expect(Math.abs(result.at(-1)!.noiseFloorDb - level)).toBeLessThan(1.5);
    },
  );

  it('starts speech after the onset frames, reports the lag, and holds it through the hangover', () => {
    const signal = mix(
      concat(new Float32Array(SECOND), syllabicTone(SECOND, -20)),
      whiteNoise(3 * SECOND, -60, 3),
    );
    const result = frames(signal);
    const first = result.findIndex((f) => f.speech);
    expect(first).toBe(FRAMES_PER_SECOND + 2);
    expect(result[first].onsetLagFrames).toBe(2);
    expect(result.filter((f) => f.onsetLagFrames > 0)).toHaveLength(1);
    const last = result.findLastIndex((f) => f.speech);
    // Tone ends at frame 100; 300 ms hangover = 15 unvoiced frames, the 15th ends speech.
    expect(last).toBe(2 * FRAMES_PER_SECOND + 13);
  });

  it('learns a step up in background noise within two seconds, then still hears speech over it', () => {
    const quiet = whiteNoise(3 * SECOND, -65, 4);
    const loud = whiteNoise(6 * SECOND, -35, 5);
    const speech = concat(new Float32Array(3 * SECOND), syllabicTone(3 * SECOND, -20));
    const result = frames(concat(quiet, mix(loud, speech)));
    const twoSecondsAfterStep = result[5 * FRAMES_PER_SECOND];
    expect(twoSecondsAfterStep.noiseFloorDb).toBeGreaterThan(-38);
    expect(result.slice(5 * FRAMES_PER_SECOND, 6 * FRAMES_PER_SECOND).some((f) => f.speech)).toBe(false);
    const duringSpeech = result.slice(6 * FRAMES_PER_SECOND + 5, 9 * FRAMES_PER_SECOND);
    expect(duringSpeech.every((f) => f.speech)).toBe(true);
  });

  it('learns a steady hum as noise even when it is loud', () => {
    const result = frames(concat(hum(1, -65), hum(4, -25)));
    expect(result.slice(3 * FRAMES_PER_SECOND).some((f) => f.speech)).toBe(false);
  });

  it.each([
    // Weak fricative: broadband hiss 6 dB over a low hum has a very different zero-crossing rate.
    { name: 'hiss 6 dB over a hum', extra: (): Float32Array => whiteNoise(320, -45.3, 8), voiced: true },
    // The same energy step with the hum's own spectrum: energy alone decides, and 6 dB is not enough.
    {
      name: 'the hum 6 dB louder',
      extra: (): Float32Array => hum(1, -50).subarray(SECOND - 320),
      voiced: false,
    },
    {
      name: 'anything 12 dB over the floor',
      extra: (): Float32Array => hum(1, -39).subarray(SECOND - 320),
      voiced: true,
    },
  ])('$name → voiced: $voiced', ({ extra, voiced }) => {
    const vad = new VoiceActivityDetector();
    frames(hum(1, -50), vad);
    const frame = mix(hum(1, -50).subarray(SECOND - 320), extra());
    expect(vad.process(frame).voiced).toBe(voiced);
  });

  it('gives the same answers after reset as a fresh detector', () => {
    const signal = mix(
      concat(whiteNoise(SECOND, -50, 1), syllabicTone(SECOND, -25)),
      whiteNoise(2 * SECOND, -55, 2),
    );
    const vad = new VoiceActivityDetector();
    frames(whiteNoise(SECOND, -20, 9), vad);
    vad.reset();
    expect(frames(signal, vad)).toEqual(frames(signal));
  });

  it('rejects a frame of the wrong size', () => {
    expect(() => new VoiceActivityDetector().process(new Float32Array(480))).toThrow(RangeError);
    expect(new VoiceActivityDetector({ frameMs: 30 }).frameSamples).toBe(480);
  });
});
