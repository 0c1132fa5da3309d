import { describe, expect, it } from 'vitest';
import { engagement } from './engagement.js';

const MINUTE = 60_000;

describe('engagement', () => {
  it('is the documented weighted sum of balance, interactivity and inquiry', () => {
    const e = engagement({ shares: [0.5, 0.5], speakerChanges: 30, questions: 10, durationMs: 10 * MINUTE });
    expect(e.balance).toBeCloseTo(1);
    expect(e.interactivity).toBeCloseTo(1 - Math.exp(-1));
    expect(e.inquiry).toBeCloseTo(1 - Math.exp(-1));
    expect(e.score).toBeCloseTo(0.5 + 0.5 * (1 - Math.exp(-1)));
  });

  it.each([
    ['one voice', [1], 0],
    ['equal four', [0.25, 0.25, 0.25, 0.25], 1],
    ['dominated', [0.9, 0.05, 0.05], 0.36],
  ])('balance for %s', (_case, shares, expected) => {
    expect(engagement({ shares, speakerChanges: 0, questions: 0, durationMs: MINUTE }).balance).toBeCloseTo(
      expected,
      2,
    );
  });

  it('rises with turn rate and questions, and stays within 0..1', () => {
    const base = { shares: [0.6, 0.4], durationMs: 10 * MINUTE };
    const quiet = engagement({ ...base, speakerChanges: 2, questions: 0 }).score;
    const lively = engagement({ ...base, speakerChanges: 100, questions: 40 }).score;
    expect(lively).toBeGreaterThan(quiet);
    expect(lively).toBeLessThanOrEqual(1);
    expect(engagement({ shares: [], speakerChanges: 0, questions: 0, durationMs: 0 }).score).toBe(0);
  });
});
