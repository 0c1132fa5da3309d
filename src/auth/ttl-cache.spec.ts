import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns values until they expire', () => {
    const cache = new TtlCache<number>(1000);
    cache.set('a', 1);
    vi.advanceTimersByTime(999);
    expect(cache.get('a')).toBe(1);
    vi.advanceTimersByTime(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps null as a cached answer (a known non-member)', () => {
    const cache = new TtlCache<string | null>(1000);
    cache.set('ws:user', null);
    expect(cache.get('ws:user')).toBeNull();
  });

  it('evicts the oldest entry past its size cap and forgets by key or prefix', () => {
    const cache = new TtlCache<number>(1000, 2);
    cache.set('w1:a', 1);
    cache.set('w1:b', 2);
    cache.set('w2:c', 3);
    expect(cache.get('w1:a')).toBeUndefined();
    cache.deletePrefix('w1:');
    expect(cache.get('w1:b')).toBeUndefined();
    expect(cache.get('w2:c')).toBe(3);
    cache.delete('w2:c');
    expect(cache.get('w2:c')).toBeUndefined();
  });

  it('caches nothing with a zero TTL', () => {
    const cache = new TtlCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
