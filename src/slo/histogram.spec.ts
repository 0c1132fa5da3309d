import { describe, expect, it } from 'vitest';
import {
  countAtMost,
  deltaBuckets,
  emptyBuckets,
  mergeBuckets,
  quantile,
  type Buckets,
} from './histogram.js';

// 10 observations: 2 ≤ 0.1, 6 ≤ 0.5 (4 in (0.1, 0.5]), 9 ≤ 1 (3 in (0.5, 1]), 1 above 1.
const h: Buckets = { le: [0.1, 0.5, 1], n: [2, 6, 9, 10] };

describe('quantile (histogram_quantile interpolation)', () => {
  it.each([
    ['median inside the second bucket', h, 0.5, 0.1 + (0.4 * 3) / 4],
    ['the first bucket interpolates from 0', h, 0.1, 0.05],
    ['exactly on a bucket boundary', h, 0.6, 0.5],
    ['rank in +Inf → highest finite bound', h, 0.99, 1],
    ['no observations → null', emptyBuckets(), 0.95, null],
    ['all in one bucket', { le: [0.1, 0.5], n: [0, 4, 4] }, 0.95, 0.1 + 0.4 * 0.95],
  ])('%s', (_, buckets, q, expected) => {
    const got = quantile(buckets, q);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 9);
  });
});

describe('countAtMost', () => {
  it.each([
    [0.1, 2],
    [0.5, 6],
    [0.3, 2 + 4 * 0.5],
    [0.05, 1],
    [0.4, 2 + 4 * 0.75],
    [1, 9],
    [5, 9],
    [0, 0],
  ])('≤ %f → %f', (x, expected) => {
    expect(countAtMost(h, x)).toBeCloseTo(expected, 9);
  });
});

describe('deltaBuckets', () => {
  it.each([
    ['first reading counts whole', h, undefined, h.n],
    ['growth is subtracted', { le: h.le, n: [3, 8, 12, 14] }, h, [1, 2, 3, 4]],
    ['a counter that went down is a restart', { le: h.le, n: [1, 1, 1, 1] }, h, [1, 1, 1, 1]],
    ['changed bounds are a restart', { le: [0.1, 2], n: [5, 6, 7] }, h, [5, 6, 7]],
  ])('%s', (_, current, previous, expected) => {
    expect(deltaBuckets(current, previous).n).toEqual(expected);
  });
});

describe('mergeBuckets', () => {
  it('adds counts of equal bounds', () => {
    expect(mergeBuckets(h, h)).toEqual({ le: h.le, n: [4, 12, 18, 20] });
  });
  it('merges different bounds without inventing observations', () => {
    const other: Buckets = { le: [0.25, 1], n: [3, 5, 5] };
    // At 0.25 the first histogram has only what is ≤ 0.1 (2); at 0.1 the second has nothing below its 0.25.
    expect(mergeBuckets(h, other)).toEqual({ le: [0.1, 0.25, 0.5, 1], n: [2, 5, 9, 14, 15] });
  });
  it('an empty histogram is neutral', () => {
    expect(mergeBuckets(emptyBuckets(), h)).toEqual(h);
  });
});
