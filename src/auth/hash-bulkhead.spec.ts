import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Bulkhead, BulkheadRejected } from './hash-bulkhead.js';

/** Work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

describe('Bulkhead', () => {
  it.each([
    // concurrency, queue, calls → started at once, queued, refused at once
    [1, 0, 3, 1, 0, 2],
    [2, 1, 5, 2, 1, 2],
    [3, 10, 5, 3, 2, 0],
  ])('concurrency %i, queue %i, %i calls: %i run, %i wait, %i refused', async (concurrency, queue, calls, running, queued, refused) => {
    const bulkhead = new Bulkhead(concurrency, queue, 60_000);
    const g = gate();
    const results = Array.from({ length: calls }, () => bulkhead.run(g.work).then(() => 'ok', (e: unknown) => e));
    await sleep(0);
    expect([bulkhead.running, bulkhead.queued]).toEqual([running, queued]);
    g.open();
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r instanceof BulkheadRejected && r.reason === 'queue_full')).toHaveLength(refused);
    expect(settled.filter((r) => r === 'ok')).toHaveLength(calls - refused);
    expect([bulkhead.running, bulkhead.queued]).toEqual([0, 0]);
  });

  it('never runs more than its concurrency, and frees the slot when work fails', async () => {
    const bulkhead = new Bulkhead(2, 100, 60_000);
    let now = 0;
    let peak = 0;
    const work = async (i: number) => {
      now++;
      peak = Math.max(peak, now);
      await sleep(1);
      now--;
      if (i % 3 === 0) throw new Error('boom');
    };
    const settled = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => bulkhead.run(() => work(i))));
    expect(peak).toBe(2);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(10);
    expect([bulkhead.running, bulkhead.queued]).toEqual([0, 0]);
  });

  it('refuses a waiter whose wait runs out, and the slot still passes on', async () => {
    const bulkhead = new Bulkhead(1, 5, 20);
    const g = gate();
    const first = bulkhead.run(g.work);
    const waiter = bulkhead.run(() => Promise.resolve('late'));
    await expect(waiter).rejects.toMatchObject({ reason: 'wait_timeout' });
    expect(bulkhead.queued).toBe(0);
    g.open();
    await first;
    expect(await bulkhead.run(() => Promise.resolve('next'))).toBe('next');
    expect(bulkhead.running).toBe(0);
  });
});
