import { describe, expect, it } from 'vitest';
import type { AudioSpool, SpoolEntry, StoredEntry } from './audio-spool.service.js';
import { compareIds, SpoolReader } from './spool-reader.js';

/** A spool whose stream is `stream`; `read` returns what follows `afterId`, like XRANGE. */
function fakeSpool(stream: SpoolEntry[]) {
  const reads: string[] = [];
  const spool = {
    read: (_session: string, afterId: string, count: number) => {
      reads.push(afterId);
      return Promise.resolve(stream.filter((e) => afterId === '-' || compareIds(e.id, afterId) > 0).slice(0, count));
    },
  } as unknown as AudioSpool;
  return { spool, reads };
}

const entry = (id: string, seq: number): SpoolEntry => ({ id, chunk: { seq, sampleRate: 16_000, data: Buffer.alloc(2) } });
const stored = (e: SpoolEntry, prevId: string): StoredEntry => ({ ...(e as Required<SpoolEntry>), prevId });
const ids = (entries: SpoolEntry[]) => entries.map((e) => e.id);

describe('SpoolReader', () => {
  it('orders ids by time, then sequence', () => {
    expect(['10-2', '9-5', '10-10', '10-1'].sort(compareIds)).toEqual(['9-5', '10-1', '10-2', '10-10']);
  });

  it('takes offered chunks that follow what it has, without reading them back', async () => {
    const stream = [entry('1-0', 0), entry('2-0', 1), entry('3-0', 2)];
    const { spool, reads } = fakeSpool(stream.slice(0, 1));
    const reader = new SpoolReader(spool, 's', 64);
    expect(ids(await reader.next())).toEqual(['1-0']);
    reader.offer(stored(stream[1], '1-0'));
    reader.offer(stored(stream[2], '2-0'));
    expect(ids(await reader.next())).toEqual(['2-0', '3-0']);
    expect(reads).toEqual(['-']);
  });

  it('leaves a chunk after a gap (or the very first one) to the read, and hands out each entry once', async () => {
    const stream = [entry('1-0', 0), entry('2-0', 1), entry('3-0', 2), entry('4-0', 3)];
    const { spool, reads } = fakeSpool(stream);
    const reader = new SpoolReader(spool, 's', 2);
    reader.offer(stored(stream[0], ''));
    expect(ids(await reader.next())).toEqual(['1-0', '2-0']);
    // 3-0 was stored by another process: 4-0 does not follow 2-0 here.
    reader.offer(stored(stream[3], '3-0'));
    expect(ids(await reader.next())).toEqual(['3-0', '4-0']);
    expect(reads).toEqual(['-', '2-0']);
    // Offered while that read was under way, and returned by it as well: not handed out again.
    reader.offer(stored(stream[3], '3-0'));
    expect(await reader.next()).toEqual([]);
  });
});
