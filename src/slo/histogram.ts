/**
 * A Prometheus-style histogram as the SLO code keeps it: ascending finite upper bounds and
 * cumulative counts, one more than the bounds (the last is the +Inf bucket, i.e. the total).
 * Counts may be fractional after interpolation; they are never negative.
 */
export interface Buckets {
  le: number[];
  n: number[];
}

export const emptyBuckets = (): Buckets => ({ le: [], n: [0] });

export const totalOf = (h: Buckets): number => h.n[h.n.length - 1] ?? 0;

/** Cumulative count at `x` for a histogram that may lack that bound: the count at the largest bound ≤ x. */
function floorCount(h: Buckets, x: number): number {
  let count = 0;
  for (let i = 0; i < h.le.length && h.le[i] <= x; i++) count = h.n[i];
  return count;
}

/** Sum of two histograms; bounds are the union (processes of different builds may disagree). */
export function mergeBuckets(a: Buckets, b: Buckets): Buckets {
  if (sameBounds(a, b)) return { le: [...a.le], n: a.n.map((v, i) => v + b.n[i]) };
  const le = [...new Set([...a.le, ...b.le])].sort((x, y) => x - y);
  return { le, n: [...le.map((x) => floorCount(a, x) + floorCount(b, x)), totalOf(a) + totalOf(b)] };
}

export function sameBounds(a: Buckets, b: Buckets): boolean {
  return a.le.length === b.le.length && a.le.every((x, i) => x === b.le[i]);
}

/**
 * What was observed between two cumulative readings of one process. A reading that went down
 * (or changed shape) means the counters restarted, so everything in it is new — Prometheus's
 * `increase()` rule.
 */
export function deltaBuckets(current: Buckets, previous: Buckets | undefined): Buckets {
  if (!previous || isReset(current, previous)) return current;
  return { le: [...current.le], n: current.n.map((v, i) => v - previous.n[i]) };
}

export function isReset(current: Buckets, previous: Buckets): boolean {
  return !sameBounds(current, previous) || current.n.some((v, i) => v < previous.n[i]);
}

/**
 * The q-quantile, interpolated linearly inside its bucket like PromQL's histogram_quantile:
 * null without observations; the highest finite bound when it falls into the +Inf bucket.
 */
export function quantile(h: Buckets, q: number): number | null {
  const total = totalOf(h);
  if (total <= 0) return null;
  const rank = q * total;
  const i = h.n.findIndex((c) => c >= rank);
  if (i < 0 || i >= h.le.length) return h.le.length > 0 ? h.le[h.le.length - 1] : null;
  const lower = i === 0 ? 0 : h.le[i - 1];
  const below = i === 0 ? 0 : h.n[i - 1];
  const inBucket = h.n[i] - below;
  if (inBucket <= 0) return lower;
  return lower + ((h.le[i] - lower) * (rank - below)) / inBucket;
}

/** Observations ≤ x, interpolated inside the bucket holding x; nothing in +Inf counts (it may be anything above). */
export function countAtMost(h: Buckets, x: number): number {
  if (h.le.length === 0 || x < 0) return 0;
  const i = h.le.findIndex((bound) => bound >= x);
  if (i < 0) return h.n[h.le.length - 1];
  const lower = i === 0 ? 0 : h.le[i - 1];
  const below = i === 0 ? 0 : h.n[i - 1];
  if (h.le[i] === lower) return h.n[i];
  return below + ((h.n[i] - below) * (x - lower)) / (h.le[i] - lower);
}
