import { describe, expect, it } from 'vitest';
import { OrderedCommits } from './ordered-commits.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('OrderedCommits', () => {
  it('commits in the order requests started, whatever order they finish in', async () => {
    const committed: string[] = [];
    const commits = new OrderedCommits<number, string>((n, r) => Promise.resolve(void committed.push(`${n}:${r}`)));
    const answers = [deferred<string>(), deferred<string>(), deferred<string>()];
    for (let n = 0; n < 3; n++) await commits.add(n, answers[n].promise, 4);
    expect(commits.inFlight).toBe(3);
    answers[2].resolve('c');
    answers[1].resolve('b');
    await Promise.resolve();
    expect(committed).toEqual([]);
    answers[0].resolve('a');
    await commits.drain();
    expect(committed).toEqual(['0:a', '1:b', '2:c']);
  });

  it('keeps at most `limit` in flight: add waits for the oldest to commit', async () => {
    const committed: number[] = [];
    const commits = new OrderedCommits<number, number>((n) => Promise.resolve(void committed.push(n)));
    const first = deferred<number>();
    await commits.add(0, first.promise, 2);
    let added = false;
    const second = commits.add(1, Promise.resolve(1), 2).then(() => (added = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(added).toBe(false);
    first.resolve(0);
    await second;
    expect(committed).toEqual([0]);
    expect(commits.inFlight).toBe(1);
  });

  it('with a limit of 1 each request is committed before add returns (live sessions)', async () => {
    const committed: number[] = [];
    const commits = new OrderedCommits<number, number>((n) => Promise.resolve(void committed.push(n)));
    await commits.add(7, Promise.resolve(7), 1);
    expect(committed).toEqual([7]);
  });

  it('a failed request fails its commit in order, and is never an unhandled rejection', async () => {
    const commits = new OrderedCommits<number, number>(() => Promise.resolve());
    const failing = deferred<number>();
    await commits.add(0, failing.promise, 3);
    failing.reject(new Error('ASR down'));
    await new Promise((r) => setTimeout(r, 10));
    await expect(commits.drain()).rejects.toThrow('ASR down');
  });
});
