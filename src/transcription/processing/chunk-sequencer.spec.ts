import { describe, expect, it } from 'vitest';
import { ChunkSequencer } from './chunk-sequencer.js';

const seqs = (xs: { seq: number }[]) => xs.map((x) => x.seq);

describe('ChunkSequencer', () => {
  it.each([
    ['in order', [0, 1, 2, 3], [0, 1, 2, 3]],
    ['swapped pair', [0, 2, 1, 3], [0, 1, 2, 3]],
    ['duplicates and stale resends', [0, 1, 1, 0, 2], [0, 1, 2]],
    ['starts wherever the first chunk is', [5, 6, 7], [5, 6, 7]],
  ])('%s', (_, input, expected) => {
    const s = new ChunkSequencer<{ seq: number }>(undefined);
    expect(input.flatMap((seq) => seqs(s.push({ seq })))).toEqual(expected);
    expect(s.skipped).toBe(0);
  });

  it('resumes at a given seq and drops what came before', () => {
    const s = new ChunkSequencer<{ seq: number }>(10);
    expect([8, 9, 10, 11].flatMap((seq) => seqs(s.push({ seq })))).toEqual([10, 11]);
  });

  it('names a gap that stays open too long, and skips it only when told to', () => {
    const s = new ChunkSequencer<{ seq: number }>(0, 3);
    expect([0, 2, 3, 4].flatMap((seq) => seqs(s.push({ seq })))).toEqual([0]);
    expect(s.stalled()).toBeUndefined();
    expect(seqs(s.push({ seq: 5 }))).toEqual([]);
    expect(s.stalled()).toEqual({ from: 1, to: 2 });
    expect(seqs(s.skipTo(2))).toEqual([2, 3, 4, 5]);
    expect(s.skipped).toBe(1);
    expect(s.stalled()).toBeUndefined();
  });

  it('a gap filled before it is skipped loses nothing', () => {
    const s = new ChunkSequencer<{ seq: number }>(0, 2);
    expect([0, 2, 3, 4].flatMap((seq) => seqs(s.push({ seq })))).toEqual([0]);
    expect(s.stalled()).toEqual({ from: 1, to: 2 });
    expect(seqs(s.push({ seq: 1 }))).toEqual([1, 2, 3, 4]);
    expect(s.skipped).toBe(0);
  });

  it('flushes what waits behind a gap at the end', () => {
    const s = new ChunkSequencer<{ seq: number }>(0);
    expect([0, 2, 4].flatMap((seq) => seqs(s.push({ seq })))).toEqual([0]);
    expect(seqs(s.flush())).toEqual([2, 4]);
    expect(s.skipped).toBe(2);
  });
});
