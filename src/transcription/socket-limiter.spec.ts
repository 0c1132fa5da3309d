import { describe, expect, it } from 'vitest';
import { SocketLimiter } from './socket-limiter.js';

describe('SocketLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0;
    const l = new SocketLimiter({ eventsPerSecond: 10, burst: 3, maxInFlight: 10 }, () => t);
    l.take();
    l.take();
    l.take();
    expect(() => l.take()).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', reason: 'RATE' }));
    t += 100;
    expect(() => l.take()).not.toThrow();
  });

  it('bounds chunks awaiting their ack; release is idempotent', () => {
    const l = new SocketLimiter({ eventsPerSecond: 100, burst: 100, maxInFlight: 2 });
    const a = l.begin();
    l.begin();
    expect(() => l.begin()).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', reason: 'IN_FLIGHT' }));
    a();
    a();
    expect(l.pending).toBe(1);
  });
});
