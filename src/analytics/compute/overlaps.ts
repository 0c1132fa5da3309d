import type { Utterance } from './utterance.js';

export interface InterruptionPair {
  /** Who started talking over the other. */
  interrupter: string;
  interrupted: string;
  count: number;
}

export interface OverlapStats {
  /** Every start inside another speaker's utterance, backchannels included. */
  overlaps: number;
  /** Overlaps that were bids for the floor, i.e. not backchannels. */
  interruptions: number;
  pairs: InterruptionPair[];
}

/** Counts utterances that begin before another speaker's earlier utterance has ended. */
export function overlapStats(ordered: readonly Utterance[]): OverlapStats {
  const pairs = new Map<string, InterruptionPair>();
  let active: Utterance[] = [];
  let overlaps = 0;
  let interruptions = 0;
  for (const u of ordered) {
    active = active.filter((p) => p.endMs > u.startMs);
    const over = new Set(
      active.filter((p) => p.speaker !== u.speaker && p.startMs < u.startMs).map((p) => p.speaker),
    );
    if (over.size > 0) overlaps++;
    if (over.size > 0 && !u.backchannel) {
      interruptions++;
      for (const interrupted of over) {
        const key = `${u.speaker}\u0000${interrupted}`;
        const pair = pairs.get(key) ?? { interrupter: u.speaker, interrupted, count: 0 };
        pair.count++;
        pairs.set(key, pair);
      }
    }
    active.push(u);
  }
  return {
    overlaps,
    interruptions,
    pairs: [...pairs.values()].sort(
      (a, b) => b.count - a.count || a.interrupter.localeCompare(b.interrupter),
    ),
  };
}
