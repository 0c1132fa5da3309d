import { describe, expect, it } from 'vitest';
import { stepRate } from './usePlayerShortcuts';

describe('stepRate', () => {
  it.each([
    [1, 1, 1.25],
    [1, -1, 0.75],
    [0.75, -1, 0.75],
    [2, 1, 2],
    [1.75, 1, 2],
    // A rate between two steps moves to the neighbour in that direction.
    [1.1, 1, 1.25],
    [1.1, -1, 1],
    [3, -1, 2],
    [0.5, 1, 0.75],
  ] as const)('from %s by %s gives %s', (rate, step, expected) => {
    expect(stepRate(rate, step)).toBe(expected);
  });
});
