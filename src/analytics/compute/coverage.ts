import type { Utterance } from './utterance.js';

export interface Coverage {
  startMs: number;
  endMs: number;
  /** First start to last end. */
  durationMs: number;
  /** Time in which at least one person spoke (overlaps counted once). */
  speechMs: number;
  /** Share of the span in which nobody spoke, 0..1. */
  silenceRatio: number;
}

export function coverage(ordered: readonly Utterance[]): Coverage {
  if (ordered.length === 0) return { startMs: 0, endMs: 0, durationMs: 0, speechMs: 0, silenceRatio: 0 };
  let speechMs = 0;
  let start = ordered[0].startMs;
  let end = ordered[0].endMs;
  let last = end;
  for (const u of ordered.slice(1)) {
    if (u.startMs > end) {
      speechMs += end - start;
      start = u.startMs;
      end = u.endMs;
    } else end = Math.max(end, u.endMs);
    last = Math.max(last, u.endMs);
  }
  speechMs += end - start;
  const startMs = ordered[0].startMs;
  const durationMs = last - startMs;
  return {
    startMs,
    endMs: last,
    durationMs,
    speechMs,
    silenceRatio: durationMs > 0 ? Math.max(0, 1 - speechMs / durationMs) : 0,
  };
}
