import { describe, expect, it } from 'vitest';
import { groupBy, StatementBatcher } from './statement-batcher.js';

describe('StatementBatcher', () => {
  it('runs what is added in one turn as one batch and hands each caller its own result', async () => {
    const runs: number[][] = [];
    const batcher = new StatementBatcher<number, number>((items) => {
      runs.push(items);
      return Promise.resolve(items.map((n) => n * 10));
    });
    expect(await Promise.all([1, 2, 3].map((n) => batcher.add(n)))).toEqual([10, 20, 30]);
    expect(await batcher.add(4)).toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('splits at maxBatch', async () => {
    const runs: number[][] = [];
    const batcher = new StatementBatcher<number>((items) => {
      runs.push(items);
      return Promise.resolve();
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(runs).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('with replaceBy, sends one item per key (the last) and settles every caller of the key with its result', async () => {
    const runs: string[][] = [];
    const batcher = new StatementBatcher<string, string>(
      (items) => {
        runs.push(items);
        return Promise.resolve(items.map((s) => s.toUpperCase()));
      },
      500,
      (s) => s[0],
    );
    expect(await Promise.all(['a1', 'b1', 'a2'].map((s) => batcher.add(s)))).toEqual(['A2', 'B1', 'A2']);
    expect(runs).toEqual([['a2', 'b1']]);
  });

  it('runs a failed batch item by item, so only the bad item fails', async () => {
    const batcher = new StatementBatcher<number, string>((items) =>
      items.includes(2) ? Promise.reject(new Error('bad row')) : Promise.resolve(items.map(String)),
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: '1' });
  });
});

describe('groupBy', () => {
  it('groups rows by key in their order', () => {
    expect([...groupBy(['a1', 'b1', 'a2'], (r) => r[0])]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
    ]);
  });
});
