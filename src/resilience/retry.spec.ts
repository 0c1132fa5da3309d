import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './retry.js';

describe('backoffDelay (full jitter)', () => {
  const opts = { baseMs: 100, maxMs: 1_000 };
  it.each([
    [0, 1, 100],
    [1, 1, 200],
    [3, 1, 800],
    [4, 1, 1_000],
    [10, 1, 1_000],
    [2, 0, 0],
    [2, 0.5, 200],
  ])('attempt %i with random %f → %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, opts, undefined, () => r)).toBe(expected);
  });

  it('treats Retry-After as a floor, capped at maxMs', () => {
    expect(backoffDelay(0, opts, 700, () => 0)).toBe(700);
    expect(backoffDelay(0, opts, 60_000, () => 0)).toBe(1_000);
    expect(backoffDelay(3, opts, 10, () => 1)).toBe(800);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
