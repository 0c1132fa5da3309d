import { describe, expect, it } from 'vitest';
import { type Buckets } from './histogram.js';
import {
  budgetRemaining,
  burnRate,
  latencyCounts,
  sliValue,
  sloState,
  targetValue,
  type SliCounts,
} from './sli.js';
import { SLOS, type SloDefinition } from './slo.definitions.js';

const slo = (id: string): SloDefinition => SLOS.find((s) => s.id === id)!;

describe('burn rate and budget', () => {
  it.each<[string, SliCounts, number, number, number, string]>([
    // name, counts, objective, burn, remaining, state
    ['no traffic', { total: 0, bad: 0 }, 0.999, 0, 1, 'no_data'],
    ['perfect', { total: 10_000, bad: 0 }, 0.999, 0, 1, 'ok'],
    ['half the allowance', { total: 10_000, bad: 5 }, 0.999, 0.5, 0.5, 'ok'],
    ['80% spent is a warning', { total: 10_000, bad: 8 }, 0.999, 0.8, 0.2, 'warning'],
    ['exactly on target still meets it', { total: 10_000, bad: 10 }, 0.999, 1, 0, 'warning'],
    ['over the allowance', { total: 10_000, bad: 20 }, 0.999, 2, 0, 'breach'],
    ['page-level fast burn', { total: 1_000, bad: 14.4 }, 0.999, 14.4, 0, 'breach'],
    ['p95 latency: 5% slow is the allowance', { total: 200, bad: 10 }, 0.95, 1, 0, 'warning'],
    ['p99 latency: 0.5% slow', { total: 1_000, bad: 5 }, 0.99, 0.5, 0.5, 'ok'],
  ])('%s', (_, counts, objective, burn, remaining, state) => {
    const b = burnRate(counts, objective);
    expect(b).toBeCloseTo(burn, 6);
    expect(budgetRemaining(b)).toBeCloseTo(remaining, 6);
    expect(sloState(counts, b)).toBe(state);
  });
});

describe('SLI values in the SLO unit', () => {
  const latency: Buckets = { le: [0.1, 0.25, 0.5, 1], n: [50, 90, 98, 100, 100] };
  it.each<[string, string, Buckets, number, number | null]>([
    ['availability in percent', 'api-availability', { le: [1], n: [1000, 1000] }, 1, 99.9],
    ['availability without requests', 'api-availability', { le: [], n: [0] }, 0, null],
    ['p95 latency in ms', 'live-segment-latency', latency, 0, (0.25 + (0.25 * (95 - 90)) / 8) * 1000],
    [
      'p99 latency in +Inf reports the top bound',
      'audio-chunk-ack',
      { le: [0.05, 0.1], n: [90, 95, 100] },
      0,
      100,
    ],
    ['latency without observations', 'pipeline-reveal-latency', { le: [60, 120], n: [0, 0, 0] }, 0, null],
  ])('%s', (_, id, h, errors, expected) => {
    const value = sliValue(slo(id), h, errors);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 6);
  });

  it('counts slow events by interpolating at a threshold between bounds (0.4 s in (0.25, 0.5])', () => {
    expect(latencyCounts(latency, 0.4)).toEqual({ total: 100, bad: 100 - (90 + 8 * 0.6) });
  });

  it.each([
    ['api-availability', 99.9],
    ['live-segment-latency', 400],
    ['pipeline-reveal-latency', 120],
    ['audio-chunk-ack', 100],
  ])('target of %s is %f in its unit', (id, target) => {
    expect(targetValue(slo(id))).toBeCloseTo(target, 9);
  });
});
