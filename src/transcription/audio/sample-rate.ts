/** Everything after the resampler (VAD, windows, ASR uploads) runs at this rate. */
export const ASR_SAMPLE_RATE = 16_000;

export const SAMPLES_PER_MS = ASR_SAMPLE_RATE / 1000;

/** Stream time in ms of a 16 kHz sample index; fractional when the index is not a multiple of 16. */
export const samplesToMs = (samples: number): number => samples / SAMPLES_PER_MS;

export const msToSamples = (ms: number): number => Math.round(ms * SAMPLES_PER_MS);
