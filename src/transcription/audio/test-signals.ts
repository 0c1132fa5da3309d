/** Deterministic synthetic audio for tests and benches: seeded noise, tones, level control. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: reproducible across runs and platforms, unlike Math.random.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

export const dbToAmplitude = (db: number): number => 10 ** (db / 20);

/** White noise with the given RMS level in dBFS. */
export function whiteNoise(samples: number, levelDb: number, seed = 1): Float32Array {
  const rand = seededRandom(seed);
  // Uniform noise in [-a, a] has RMS a / √3.
  const a = dbToAmplitude(levelDb) * Math.sqrt(3);
  return Float32Array.from({ length: samples }, () => (rand() * 2 - 1) * a);
}

export function sine(samples: number, frequency: number, sampleRate: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: samples },
    (_, n) => amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate),
  );
}

/**
 * A 16 kHz speech-like tone: a 220 Hz harmonic buzz whose loudness swings at a syllable rate
 * (4 Hz) by about 20 dB, never pausing, so a VAD holds it as one continuous utterance.
 */
export function syllabicTone(samples: number, levelDb = -20): Float32Array {
  const a = dbToAmplitude(levelDb);
  return Float32Array.from({ length: samples }, (_, n) => {
    const t = n / 16_000;
    const envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    const buzz =
      Math.sin(2 * Math.PI * 220 * t) +
      0.5 * Math.sin(2 * Math.PI * 440 * t) +
      0.25 * Math.sin(2 * Math.PI * 660 * t);
    return a * envelope * buzz;
  });
}

export function mix(...signals: Float32Array[]): Float32Array {
  const out = new Float32Array(Math.max(...signals.map((s) => s.length)));
  for (const s of signals) for (let i = 0; i < s.length; i++) out[i] += s[i];
  return out;
}

export function concat(...signals: Float32Array[]): Float32Array {
  const out = new Float32Array(signals.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of signals) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

export function rmsDb(signal: Float32Array): number {
  let sum = 0;
  for (const x of signal) sum += x * x;
  return 10 * Math.log10(sum / Math.max(1, signal.length) || 1e-10);
}
