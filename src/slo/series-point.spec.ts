import { describe, expect, it } from 'vitest';
import { aggregateStep, downsample, mergePoints, type ProcessSnapshot } from './series-point.js';

const snap = (
  id: string,
  http: number[],
  errors: number,
  breakers: ProcessSnapshot['breakers'] = [],
): ProcessSnapshot => ({
  id,
  role: 'api',
  at: 0,
  h: { http: { le: [0.1, 1], n: http } },
  errors,
  breakers,
});
const breaker = (name: string, state: 'closed' | 'open' | 'half-open') => ({
  name,
  state,
  failures: 0,
  successes: 0,
  timeouts: 0,
  rejects: 0,
  inFlight: 0,
  queued: 0,
});

describe('aggregateStep', () => {
  it.each<[string, ProcessSnapshot[], ProcessSnapshot[], number[], number]>([
    ['two new processes count whole', [snap('a', [1, 2, 3], 1), snap('b', [4, 4, 5], 0)], [], [5, 6, 8], 1],
    [
      'known processes count their growth',
      [snap('a', [3, 5, 7], 2), snap('b', [4, 4, 5], 0)],
      [snap('a', [1, 2, 3], 1), snap('b', [4, 4, 5], 0)],
      [2, 3, 4],
      1,
    ],
    [
      'a restart under the same id counts whole',
      [snap('a', [1, 1, 1], 0)],
      [snap('a', [3, 5, 7], 2)],
      [1, 1, 1],
      0,
    ],
    [
      'a vanished process adds nothing',
      [snap('b', [4, 4, 6], 1)],
      [snap('a', [3, 5, 7], 2), snap('b', [4, 4, 5], 0)],
      [0, 0, 1],
      1,
    ],
  ])('%s', (_, live, counted, http, errors) => {
    const point = aggregateStep(60_000, live, new Map(counted.map((s) => [s.id, s])), {});
    expect(point.h.http?.n).toEqual(http);
    expect(point.errors).toBe(errors);
  });

  it('keeps the worst breaker state across processes', () => {
    const point = aggregateStep(
      0,
      [
        snap('a', [0, 0, 0], 0, [breaker('asr', 'closed'), breaker('llm', 'half-open')]),
        snap('b', [0, 0, 0], 0, [breaker('asr', 'open'), breaker('llm', 'closed')]),
      ],
      new Map(),
      { pipeline: 3 },
    );
    expect(point.breakers).toEqual({ asr: 'open', llm: 'half-open' });
    expect(point.queues).toEqual({ pipeline: 3 });
  });
});

describe('downsample', () => {
  const p = (t: number, count: number, queue = 0) => ({
    t,
    h: { http: { le: [1], n: [count, count] } },
    errors: 0,
    queues: { pipeline: queue },
    breakers: {},
  });

  it('groups points into aligned steps and leaves empty steps present', () => {
    const steps = downsample([p(60_000, 1, 5), p(120_000, 2, 2), p(660_000, 4)], 0, 1_199_999, 600_000);
    expect(steps.map((s) => s.t)).toEqual([0, 600_000]);
    expect(steps.map((s) => s.h.http?.n[1] ?? 0)).toEqual([3, 4]);
    expect(steps[0].queues).toEqual({ pipeline: 5 });
  });

  it('drops points outside the range', () => {
    const steps = downsample([p(-60_000, 9), p(60_000, 1)], 0, 59_999 + 60_000, 60_000);
    expect(steps.map((s) => s.h.http?.n[1] ?? 0)).toEqual([0, 1]);
  });

  it('merging points sums counts and keeps the worst breaker', () => {
    const a = { ...p(0, 1), breakers: { asr: 'open' as const } };
    const b = { ...p(60_000, 2), errors: 1, breakers: { asr: 'closed' as const } };
    expect(mergePoints(0, a, b)).toMatchObject({
      errors: 1,
      breakers: { asr: 'open' },
      h: { http: { n: [3, 3] } },
    });
  });
});
