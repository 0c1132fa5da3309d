import { describe, expect, it } from 'vitest';
import {
  firstHitRank,
  layOutTurns,
  meanReciprocalRank,
  overlapsAny,
  parseSpans,
  percentile,
  precision,
  recallAt,
  turnsCovered,
  type TurnSpan,
} from './ask-metrics.js';

describe('parseSpans', () => {
  it.each([
    { raw: [['39', '127']], spans: [[39, 127]] },
    {
      raw: [
        ['12', '12'],
        ['25', '30'],
      ],
      spans: [
        [12, 12],
        [25, 30],
      ],
    },
    { raw: [[3, 4]], spans: [[3, 4]] },
    { raw: [], spans: [] },
  ])('$raw → $spans', ({ raw, spans }) => expect(parseSpans(raw)).toEqual(spans));

  it.each([[['5', '4']], [['a', '4']], [['1']], [['-1', '2']], [['1.5', '2']]])('refuses %j', (pair) =>
    expect(() => parseSpans([pair])).toThrow(/not a turn span/),
  );
});

describe('turnsCovered', () => {
  // Turns at 0–1000, 1250–2250, 2500–3500, 3750–4750.
  const times = [0, 1250, 2500, 3750].map((startMs) => ({ startMs, endMs: startMs + 1000 }));
  it.each([
    { startMs: 0, endMs: 1000, span: [0, 0] },
    { startMs: 1250, endMs: 3500, span: [1, 2] },
    { startMs: 0, endMs: 4750, span: [0, 3] },
    { startMs: 2600, endMs: 2600, span: [2, 2] },
    { startMs: 2500, endMs: 2500, span: [2, 2] },
    { startMs: 1100, endMs: 1200, span: undefined },
    { startMs: 5000, endMs: 6000, span: undefined },
  ])('$startMs–$endMs ms → turns $span', ({ startMs, endMs, span }) =>
    expect(turnsCovered(times, startMs, endMs)).toEqual(span),
  );

  it('maps each laid-out turn back to itself', () => {
    const laid = layOutTurns([
      'Okay.',
      'So the remote control has to be original and trendy and user-friendly',
      '',
      'Yeah.',
    ]);
    laid.forEach((t, i) => expect(turnsCovered(laid, t.startMs, t.endMs)).toEqual([i, i]));
  });
});

describe('layOutTurns', () => {
  it('gives 150 words a minute, at least 400 ms, with 250 ms between turns', () => {
    expect(layOutTurns(['one two three', Array(150).fill('w').join(' ')])).toEqual([
      { startMs: 0, endMs: 1200 },
      { startMs: 1450, endMs: 61_450 },
    ]);
    expect(layOutTurns(['hi'])).toEqual([{ startMs: 0, endMs: 400 }]);
  });
});

describe('overlapsAny', () => {
  const gold: TurnSpan[] = [
    [10, 20],
    [40, 40],
  ];
  it.each([
    { span: [10, 10], slack: 0, hit: true },
    { span: [20, 25], slack: 0, hit: true },
    { span: [5, 9], slack: 0, hit: false },
    { span: [21, 39], slack: 0, hit: false },
    { span: [0, 100], slack: 0, hit: true },
    { span: [40, 40], slack: 0, hit: true },
    { span: [42, 43], slack: 0, hit: false },
    { span: [42, 43], slack: 2, hit: true },
    { span: [7, 8], slack: 2, hit: true },
    { span: [6, 7], slack: 2, hit: false },
  ] as { span: TurnSpan; slack: number; hit: boolean }[])('$span ± $slack → $hit', ({ span, slack, hit }) =>
    expect(overlapsAny(span, gold, slack)).toBe(hit),
  );
});

describe('ranks, recall@k and MRR', () => {
  it.each([
    { hits: [false, false, true, true], rank: 3 },
    { hits: [true], rank: 1 },
    { hits: [false, false], rank: undefined },
    { hits: [], rank: undefined },
  ])('first hit of $hits is $rank', ({ hits, rank }) => expect(firstHitRank(hits)).toBe(rank));

  const ranks = [1, 3, undefined, 7, 12];
  it.each([
    { k: 1, recall: 1 / 5 },
    { k: 5, recall: 2 / 5 },
    { k: 10, recall: 3 / 5 },
    { k: 50, recall: 4 / 5 },
  ])('recall@$k = $recall', ({ k, recall }) => expect(recallAt(ranks, k)).toBeCloseTo(recall, 10));

  it('MRR counts a miss as 0', () => {
    expect(meanReciprocalRank(ranks)).toBeCloseTo((1 + 1 / 3 + 0 + 1 / 7 + 1 / 12) / 5, 10);
    expect(meanReciprocalRank([undefined, undefined])).toBe(0);
    expect(meanReciprocalRank([])).toBe(0);
    expect(recallAt([], 10)).toBe(0);
  });
});

describe('precision and percentile', () => {
  it.each([
    { judged: [true, true, false, true], p: 0.75 },
    { judged: [false], p: 0 },
    { judged: [], p: undefined },
  ])('precision of $judged is $p', ({ judged, p }) => expect(precision(judged)).toBe(p));

  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    { p: 50, v: 50 },
    { p: 95, v: 95 },
    { p: 99, v: 99 },
    { p: 100, v: 100 },
    { p: 0, v: 1 },
  ])('p$p of 1…100 is $v', ({ p, v }) => expect(percentile(sorted, p)).toBe(v));

  it('of one value and of none', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
