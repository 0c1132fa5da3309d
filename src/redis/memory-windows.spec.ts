import { describe, expect, it } from 'vitest';
import { MemoryWindows } from './memory-windows.js';

describe('MemoryWindows', () => {
  it.each([
    // hits at these ms (60 s window) → counts seen, and what is left at the end
    { at: [0, 1_000, 59_000], counts: [1, 2, 3], peekAt: 59_500, peek: { count: 3, ttlSeconds: 1 } },
    { at: [0, 60_000, 60_500], counts: [1, 1, 2], peekAt: 61_000, peek: { count: 2, ttlSeconds: 59 } },
    { at: [0], counts: [1], peekAt: 60_000, peek: { count: 0, ttlSeconds: 0 } },
  ])('fixed windows: $at → $counts', ({ at, counts, peekAt, peek }) => {
    let now = 0;
    const w = new MemoryWindows(100, () => now);
    const seen = at.map((t) => {
      now = t;
      return w.hit('k', 60).count;
    });
    expect(seen).toEqual(counts);
    now = peekAt;
    expect(w.peek('k')).toEqual(peek);
  });

  it('stays within its bound, dropping expired windows first and then the oldest', () => {
    let now = 0;
    const w = new MemoryWindows(3, () => now);
    w.hit('short', 1);
    w.hit('a', 60);
    w.hit('b', 60);
    now = 2_000;
    w.hit('c', 60);
    expect([w.size, w.peek('short').count, w.peek('a').count]).toEqual([3, 0, 1]);
    w.hit('d', 60);
    expect([w.size, w.peek('a').count, w.peek('d').count]).toEqual([3, 0, 1]);
    w.reset('d');
    expect(w.peek('d').count).toBe(0);
  });
});
