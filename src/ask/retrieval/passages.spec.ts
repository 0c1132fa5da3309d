import { describe, expect, it } from 'vitest';
import type { RetrievalHit, WindowSegment } from './ask-retrieval.repository.js';
import { assemblePassages } from './passages.js';

const segment = (seq: number, sessionId = 's1'): WindowSegment => ({
  id: `${sessionId}-${seq}`,
  sessionId,
  seq,
  startMs: seq * 1000,
  endMs: seq * 1000 + 900,
  speaker: seq % 2 ? 'Ann' : null,
  text: `words ${seq}`,
});
const hit = (seq: number, score: number, extra: Partial<RetrievalHit> = {}): RetrievalHit => ({
  segmentId: `${extra.sessionId ?? 's1'}-${seq}`,
  sessionId: 's1',
  seq,
  label: null,
  body: null,
  score,
  ...extra,
});
const all = [
  ...Array.from({ length: 20 }, (_, i) => segment(i)),
  ...Array.from({ length: 5 }, (_, i) => segment(i, 's2')),
];
const seqs = (p: { segments: WindowSegment[] }) => p.segments.map((s) => s.seq);

describe('assemblePassages', () => {
  it.each([
    { name: 'one hit → its window', hits: [hit(10, 0.9)], limit: 5, expected: [[8, 9, 10, 11, 12]] },
    {
      name: 'window clipped at the start of the meeting',
      hits: [hit(0, 0.9)],
      limit: 5,
      expected: [[0, 1, 2]],
    },
    {
      name: 'a hit inside a taken window folds into it',
      hits: [hit(10, 0.9), hit(11, 0.8)],
      limit: 5,
      expected: [[8, 9, 10, 11, 12]],
    },
    {
      name: 'a near hit gets the rest, without overlap',
      hits: [hit(10, 0.9), hit(14, 0.8)],
      limit: 5,
      expected: [
        [8, 9, 10, 11, 12],
        [13, 14, 15, 16],
      ],
    },
    {
      name: 'a hit between two windows gets what lies between',
      hits: [hit(5, 0.9), hit(11, 0.8), hit(8, 0.7)],
      limit: 5,
      expected: [[3, 4, 5, 6, 7], [9, 10, 11, 12, 13], [8]],
    },
    {
      name: 'limit counts passages',
      hits: [hit(2, 0.9), hit(10, 0.8), hit(18, 0.7)],
      limit: 2,
      expected: [
        [0, 1, 2, 3, 4],
        [8, 9, 10, 11, 12],
      ],
    },
    {
      name: 'sessions do not mix',
      hits: [hit(2, 0.9), hit(2, 0.8, { sessionId: 's2' })],
      limit: 5,
      expected: [
        [0, 1, 2, 3, 4],
        [0, 1, 2, 3, 4],
      ],
    },
  ])('$name', ({ hits, limit, expected }) => {
    expect(assemblePassages(hits, all, 2, limit).map(seqs)).toEqual(expected);
  });

  it('anchors on the best hit, spans the window and prefixes speakers and notes', () => {
    const [p] = assemblePassages(
      [
        hit(10, 0.91234),
        hit(11, 0.5, { label: 'Decision', body: 'Ship it' }),
        hit(11, 0.4, { label: 'Decision', body: 'Ship it' }),
      ],
      all,
      1,
      5,
    );
    expect(p).toMatchObject({
      sessionId: 's1',
      segmentId: 's1-10',
      startMs: 9000,
      endMs: 11_900,
      speaker: null,
      score: 0.9123,
      notes: ['Decision: Ship it'],
    });
    expect(p.text).toBe('Decision: Ship it\nAnn: words 9\nwords 10\nAnn: words 11');
  });

  it('drops a passage whose anchor segment is gone', () => {
    expect(assemblePassages([hit(30, 0.9)], all, 2, 5)).toEqual([]);
  });
});
