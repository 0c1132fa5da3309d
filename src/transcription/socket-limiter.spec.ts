import { describe, expect, it } from 'vitest';
import { SocketLimiter, type SocketLimits } from './socket-limiter.js';

const limits = (over: Partial<SocketLimits>): SocketLimits => ({
  eventsPerSecond: 100,
  burst: 100,
  maxInFlight: 10,
  maxPending: 10,
  floodRefusals: 1_000,
  floodWindowMs: 10_000,
  ...over,
});

describe('SocketLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0;
    const l = new SocketLimiter(limits({ eventsPerSecond: 10, burst: 3 }), () => t);
    l.take();
    l.take();
    l.take();
    expect(() => l.take()).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', reason: 'RATE' }));
    t += 100;
    expect(() => l.take()).not.toThrow();
  });

  it.each([
    ['chunk', { maxInFlight: 2 }, 'chunks'],
    ['control', { maxPending: 2 }, 'session:join'],
  ] as const)('bounds %s events awaiting their ack; release is idempotent', (kind, over, what) => {
    const l = new SocketLimiter(limits(over));
    const a = l.begin(kind);
    l.begin(kind);
    expect(() => l.begin(kind)).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', reason: 'IN_FLIGHT', message: expect.stringContaining(what) }));
    a();
    a();
    expect(l.pending).toBe(1);
  });

  it('counts chunks and other events separately', () => {
    const l = new SocketLimiter(limits({ maxInFlight: 1, maxPending: 1 }));
    l.begin('chunk');
    expect(() => l.begin('control')).not.toThrow();
  });

  it.each([
    // [refusals sent, ms between them, flooding?]
    [5, 0, false],
    [6, 0, true],
    // Refusals spread over more than the window never add up to a flood.
    [50, 300, false],
  ])('%i refusals %i ms apart → flooding %s (floodRefusals 5, window 1 s)', (n, gapMs, flooding) => {
    let t = 0;
    const l = new SocketLimiter(limits({ eventsPerSecond: 0.001, burst: 1, floodRefusals: 5, floodWindowMs: 1_000 }), () => t);
    l.take();
    for (let i = 0; i < n; i++) {
      t += gapMs;
      expect(() => l.take()).toThrow(expect.objectContaining({ reason: 'RATE' }));
    }
    expect(l.flooding).toBe(flooding);
  });
});
