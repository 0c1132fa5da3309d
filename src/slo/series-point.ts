import { deltaBuckets, emptyBuckets, isReset, mergeBuckets, type Buckets } from './histogram.js';
import { type SliSource } from './slo.definitions.js';

export type BreakerStateName = 'closed' | 'half-open' | 'open';

/** What one process publishes: its cumulative counts since it started. */
export interface ProcessSnapshot {
  id: string;
  role: string;
  at: number;
  h: Partial<Record<SliSource, Buckets>>;
  /** 5xx responses among `h.http`, cumulative. */
  errors: number;
  breakers: {
    name: string;
    state: BreakerStateName;
    failures: number;
    successes: number;
    timeouts: number;
    rejects: number;
    inFlight: number;
    queued: number;
  }[];
}

/** One stored step of the series: what all processes observed since the previous step. */
export interface SeriesPoint {
  t: number;
  h: Partial<Record<SliSource, Buckets>>;
  errors: number;
  /** Jobs waiting or running per queue (the largest seen in the step). */
  queues: Record<string, number>;
  /** The worst state each breaker had in any process during the step. */
  breakers: Record<string, BreakerStateName>;
}

const SEVERITY: Record<BreakerStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

export const worstState = (a: BreakerStateName | undefined, b: BreakerStateName): BreakerStateName =>
  a !== undefined && SEVERITY[a] >= SEVERITY[b] ? a : b;

function snapshotReset(current: ProcessSnapshot, previous: ProcessSnapshot): boolean {
  if (current.errors < previous.errors) return true;
  return Object.entries(current.h).some(([source, h]) => {
    const before = previous.h[source as SliSource];
    return before !== undefined && isReset(h, before);
  });
}

/**
 * The step's point from every live process's cumulative snapshot and the snapshot counted last
 * time for that process. A process seen for the first time, or one whose counters went down
 * (restarted under the same id), contributes everything it has.
 */
export function aggregateStep(
  t: number,
  snapshots: ProcessSnapshot[],
  counted: ReadonlyMap<string, ProcessSnapshot>,
  queues: Record<string, number>,
): SeriesPoint {
  const point: SeriesPoint = { t, h: {}, errors: 0, queues: { ...queues }, breakers: {} };
  for (const snapshot of snapshots) {
    const before = counted.get(snapshot.id);
    const reset = before === undefined || snapshotReset(snapshot, before);
    for (const [source, h] of Object.entries(snapshot.h) as [SliSource, Buckets][]) {
      const delta = deltaBuckets(h, reset ? undefined : before.h[source]);
      point.h[source] = mergeBuckets(point.h[source] ?? emptyBuckets(), delta);
    }
    point.errors += reset ? snapshot.errors : snapshot.errors - before.errors;
    for (const b of snapshot.breakers) point.breakers[b.name] = worstState(point.breakers[b.name], b.state);
  }
  return point;
}

/** Two points as one (a roll-up, or a step of a downsampled view); `t` is the caller's. */
export function mergePoints(t: number, a: SeriesPoint, b: SeriesPoint): SeriesPoint {
  const h: SeriesPoint['h'] = { ...a.h };
  for (const [source, buckets] of Object.entries(b.h) as [SliSource, Buckets][]) {
    const existing = h[source];
    h[source] = existing ? mergeBuckets(existing, buckets) : buckets;
  }
  const queues = { ...a.queues };
  for (const [q, v] of Object.entries(b.queues)) queues[q] = Math.max(queues[q] ?? 0, v);
  const breakers = { ...a.breakers };
  for (const [name, state] of Object.entries(b.breakers)) breakers[name] = worstState(breakers[name], state);
  return { t, h, errors: a.errors + b.errors, queues, breakers };
}

export const emptyPoint = (t: number): SeriesPoint => ({ t, h: {}, errors: 0, queues: {}, breakers: {} });

/**
 * Points grouped into steps aligned to multiples of `stepMs`, from the step holding `from` to
 * the one holding `to`; every step is present (empty when nothing was stored in it).
 */
export function downsample(points: SeriesPoint[], from: number, to: number, stepMs: number): SeriesPoint[] {
  const first = Math.floor(from / stepMs) * stepMs;
  const steps: SeriesPoint[] = [];
  for (let t = first; t <= to; t += stepMs) steps.push(emptyPoint(t));
  for (const p of points) {
    const i = Math.floor((p.t - first) / stepMs);
    if (i < 0 || i >= steps.length) continue;
    steps[i] = mergePoints(steps[i].t, steps[i], p);
  }
  return steps;
}
