import type { Utterance } from './utterance.js';

export interface Monologue {
  speaker: string;
  ms: number;
  startMs: number;
}

export interface TurnStats {
  /** Runs of consecutive utterances by one speaker. */
  turns: number;
  speakerChanges: number;
  turnsBySpeaker: Map<string, number>;
  longestMonologue: Monologue | null;
}

/**
 * Turns and the longest monologue over time-ordered utterances. A monologue is a run by one
 * speaker that others only punctuate with backchannels; a real contribution ends it.
 */
export function turnStats(ordered: readonly Utterance[]): TurnStats {
  const turnsBySpeaker = new Map<string, number>();
  let turns = 0;
  let previous: string | null = null;
  for (const u of ordered) {
    if (u.speaker === previous) continue;
    turns++;
    turnsBySpeaker.set(u.speaker, (turnsBySpeaker.get(u.speaker) ?? 0) + 1);
    previous = u.speaker;
  }

  const runs: Monologue[] = [];
  for (const u of ordered) {
    const run = runs.at(-1);
    if (run && u.speaker === run.speaker) run.ms = Math.max(run.ms, u.endMs - run.startMs);
    else if (!run || !u.backchannel)
      runs.push({ speaker: u.speaker, startMs: u.startMs, ms: u.endMs - u.startMs });
  }
  const longest = runs.reduce<Monologue | null>((best, r) => (!best || r.ms > best.ms ? r : best), null);
  return { turns, speakerChanges: Math.max(0, turns - 1), turnsBySpeaker, longestMonologue: longest };
}
