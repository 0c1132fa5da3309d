import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeaseClock } from './lease-clock.js';

describe('LeaseClock', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('trusts a renewal younger than half the TTL, and asks Redis otherwise', async () => {
    const answers = [true, false];
    const renew = vi.fn(() => Promise.resolve(answers.shift()!));
    const lease = new LeaseClock(4_000, renew);
    expect(await lease.holds()).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_900);
    expect(await lease.holds()).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(await lease.holds()).toBe(false);
    expect(renew).toHaveBeenCalledTimes(2);
  });

  it('counts the heartbeat from when its request was sent', async () => {
    const renew = vi.fn(() => Promise.resolve(true));
    const lease = new LeaseClock(4_000, renew);
    lease.heldSince(Date.now() - 1_500);
    expect(await lease.holds()).toBe(true);
    vi.advanceTimersByTime(600);
    expect(await lease.holds()).toBe(true);
    expect(renew).toHaveBeenCalledTimes(1);
  });
});
