/**
 * The measures of `npm run bench:ask`, kept pure so they are tested on their own: which turns of
 * a QMSum meeting a passage or a citation covers, whether that meets a human-marked gold span,
 * and recall@k, MRR, citation precision and percentiles over the questions.
 */

/** Inclusive [first, last] turn indexes of `meeting_transcripts`. */
export type TurnSpan = readonly [number, number];

/** Where each turn of an imported meeting sits on the session's clock. */
export interface TurnTime {
  startMs: number;
  endMs: number;
}

/** QMSum's `relevant_text_span`: [startTurn, endTurn] pairs of strings (sometimes numbers), inclusive. */
export function parseSpans(raw: readonly (readonly (string | number)[])[]): TurnSpan[] {
  return raw.map((pair) => {
    const [a, b] = pair.map(Number);
    if (pair.length !== 2 || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a)
      throw new Error(`not a turn span: ${JSON.stringify(pair)}`);
    return [a, b] as const;
  });
}

/**
 * The turns a stretch of the session's clock covers: every turn whose time overlaps
 * [startMs, endMs] (a passage is a window of neighbouring segments, so it may span several).
 * `times` is in turn order with increasing start times. Undefined when it covers no turn.
 */
export function turnsCovered(
  times: readonly TurnTime[],
  startMs: number,
  endMs: number,
): TurnSpan | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t.startMs > endMs) break;
    // A zero-length stretch (a point) still lands on the turn that holds it.
    if (t.endMs > startMs || (t.startMs <= startMs && t.endMs >= startMs)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? undefined : [first, last];
}

/** True when the two inclusive spans share a turn, `slack` turns of tolerance on each side of `gold`. */
export function overlapsAny(span: TurnSpan, gold: readonly TurnSpan[], slack = 0): boolean {
  return gold.some(([a, b]) => span[0] <= b + slack && span[1] >= a - slack);
}

/** 1-based rank of the first hit among ranked results, or undefined when none of them is one. */
export function firstHitRank(hits: readonly boolean[]): number | undefined {
  const i = hits.indexOf(true);
  return i < 0 ? undefined : i + 1;
}

/** Share of questions answered within the first k results (rank undefined = not found). */
export function recallAt(ranks: readonly (number | undefined)[], k: number): number {
  if (ranks.length === 0) return 0;
  return ranks.filter((r) => r !== undefined && r <= k).length / ranks.length;
}

/** Mean reciprocal rank; a question not found counts 0. */
export function meanReciprocalRank(ranks: readonly (number | undefined)[]): number {
  if (ranks.length === 0) return 0;
  return ranks.reduce<number>((sum, r) => sum + (r === undefined ? 0 : 1 / r), 0) / ranks.length;
}

/** Precise citations over all citations (undefined when there were none to judge). */
export function precision(judged: readonly boolean[]): number | undefined {
  return judged.length === 0 ? undefined : judged.filter(Boolean).length / judged.length;
}

/** Nearest-rank percentile (p in 0–100) of an ascending list; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * A meeting's turns laid out on a clock the way a speaker would say them (150 words a minute,
 * at least 400 ms, 250 ms between turns), so that a time maps back to its turn.
 */
export function layOutTurns(texts: readonly string[]): TurnTime[] {
  let at = 0;
  return texts.map((text) => {
    const words = text.split(/\s+/).filter(Boolean).length;
    const ms = Math.max(400, Math.round((words / 150) * 60_000));
    const turn = { startMs: at, endMs: at + ms };
    at += ms + 250;
    return turn;
  });
}
