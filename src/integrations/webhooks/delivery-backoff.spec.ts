import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_DELAY_MS, nextDeliveryDelay } from './delivery-backoff.js';

const retry = { attempts: 5, baseMs: 1_000 };

describe('nextDeliveryDelay', () => {
  it.each([
    // next attempt, random, floor, expected
    [2, 0, 0, 500],
    [2, 1, 0, 1_000],
    [3, 0, 0, 1_000],
    [3, 1, 0, 2_000],
    [4, 0.5, 0, 3_000],
    [5, 1, 0, 8_000],
    [2, 0, 30_000, 30_000],
    [6, 0.5, 0, undefined],
  ])('attempt %i, random %f, floor %i → %s', (next, random, floor, expected) => {
    expect(nextDeliveryDelay(next, retry, floor, () => random)).toBe(expected);
  });

  it('grows with the attempt, stays within [step/2, step], and never passes the cap', () => {
    for (let next = 2; next <= 40; next++) {
      const step = Math.min(MAX_DELIVERY_DELAY_MS, 1_000 * 2 ** (next - 2));
      const low = nextDeliveryDelay(next, { attempts: 50, baseMs: 1_000 }, 0, () => 0)!;
      const high = nextDeliveryDelay(next, { attempts: 50, baseMs: 1_000 }, 0, () => 0.999999)!;
      expect(low).toBe(Math.floor(step / 2));
      expect(high).toBeLessThanOrEqual(MAX_DELIVERY_DELAY_MS);
      expect(high).toBeGreaterThanOrEqual(low);
    }
  });
});
