import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAnalytics } from './compute-analytics.js';
import { meetingsDir } from '../../../test/support/fixtures.js';

const seg = (
  speaker: string | null,
  startMs: number,
  endMs: number,
  text = 'We should ship the new build soon.',
) => ({
  id: `${speaker ?? 'x'}-${startMs}`,
  speaker,
  text,
  startMs,
  endMs,
});

describe('computeAnalytics on hand-made timelines', () => {
  it('measures talk time, shares, words, turns and speaking rate per speaker', () => {
    const a = computeAnalytics([
      seg('A', 0, 30_000, 'one two three four five six seven eight nine ten'),
      seg('B', 30_000, 40_000, 'alpha beta gamma delta epsilon'),
      seg('A', 40_000, 60_000, 'eleven twelve thirteen fourteen fifteen'),
    ]);
    expect(a.speakers.map((s) => [s.speaker, s.talkMs, s.words, s.turns])).toEqual([
      ['A', 50_000, 15, 2],
      ['B', 10_000, 5, 1],
    ]);
    expect(a.speakers[0].share).toBeCloseTo(50 / 60);
    expect(a.speakers[0].wordsPerMinute).toBeCloseTo(18);
    expect(a.wordsPerMinute).toBeCloseTo(20);
    expect(a.durationMs).toBe(60_000);
    expect(a.turns).toBe(3);
    expect(a.speakerChanges).toBe(2);
  });

  it('maps labels to names and calls unlabelled speech Unknown', () => {
    const a = computeAnalytics([seg('SPEAKER_00', 0, 1000), seg(null, 2000, 3000)], {
      speakerNames: { SPEAKER_00: 'Alice' },
    });
    expect(a.speakers.map((s) => s.speaker).sort()).toEqual(['Alice', 'Unknown']);
  });

  it('finds the silence between segments as a share of the span', () => {
    const a = computeAnalytics([seg('A', 0, 10_000), seg('B', 15_000, 20_000), seg('A', 30_000, 40_000)]);
    expect(a.speechMs).toBe(25_000);
    expect(a.silenceRatio).toBeCloseTo(15 / 40);
  });

  it.each([
    ['no overlap', [seg('A', 0, 5000), seg('B', 5000, 9000)], 0, []],
    ['B starts inside A', [seg('A', 0, 5000), seg('B', 4000, 9000)], 1, [['B', 'A', 1]]],
    [
      'C talks over both',
      [seg('A', 0, 10_000), seg('B', 2000, 12_000), seg('C', 3000, 4000)],
      2,
      [
        ['B', 'A', 1],
        ['C', 'A', 1],
        ['C', 'B', 1],
      ],
    ],
    ['same speaker is no interruption', [seg('A', 0, 5000), seg('A', 4000, 9000)], 0, []],
    [
      'a backchannel overlaps but does not interrupt',
      [seg('A', 0, 5000), seg('B', 2000, 2500, 'Mm-hmm.')],
      0,
      [],
    ],
  ])('interruptions: %s', (_case, segments, total, pairs) => {
    const a = computeAnalytics(segments);
    expect(a.interruptions.total).toBe(total);
    expect(a.interruptions.pairs.map((p) => [p.interrupter, p.interrupted, p.count])).toEqual(pairs);
  });

  it('counts a backchannel as an overlap all the same', () => {
    expect(computeAnalytics([seg('A', 0, 5000), seg('B', 2000, 2500, 'Mm-hmm.')]).overlaps).toBe(1);
  });

  it('finds the longest monologue, bridging the other side’s backchannels', () => {
    const a = computeAnalytics([
      seg('B', 0, 5000),
      seg('A', 5000, 20_000),
      seg('B', 20_000, 20_500, 'Yeah.'),
      seg('A', 20_500, 40_000),
      seg('B', 40_000, 50_000),
    ]);
    expect(a.longestMonologue).toEqual({ speaker: 'A', ms: 35_000, startMs: 5000 });
  });

  it('counts questions per speaker', () => {
    const a = computeAnalytics([
      seg('A', 0, 1000, 'Is it ready? When do we ship??'),
      seg('B', 1000, 2000, 'Yes, on Friday.'),
    ]);
    expect(a.questions).toBe(2);
    expect(a.speakers.find((s) => s.speaker === 'A')?.questions).toBe(2);
    expect(a.speakers.find((s) => s.speaker === 'B')?.questions).toBe(0);
  });

  it('scores sentiment overall and per speaker', () => {
    const a = computeAnalytics([
      seg('A', 0, 1000, 'This is great, I love it.'),
      seg('B', 1000, 2000, 'This is not good, it is a terrible mess.'),
    ]);
    const by = Object.fromEntries(a.speakers.map((s) => [s.speaker, s.sentiment]));
    expect(by.A).toBeGreaterThan(0.5);
    expect(by.B).toBeLessThan(-0.5);
    expect(Math.abs(a.sentiment)).toBeLessThan(0.3);
  });

  it('finds each speaker\'s own topics, never a speaker\'s name', () => {
    const a = computeAnalytics(
      [
        seg('A', 0, 1000, 'The budget for the marketing campaign is too small.'),
        seg('B', 1000, 2000, 'The remote control needs a bigger battery.'),
        seg('A', 2000, 3000, 'Marketing wants a bigger budget, Bob.'),
        seg('B', 3000, 4000, 'A battery that lasts, Alice, and a cheap remote control.'),
      ],
      { speakerNames: { A: 'Alice', B: 'Bob' } },
    );
    const by = Object.fromEntries(a.speakers.map((s) => [s.speaker, s.topics]));
    expect(by.Alice).toEqual(expect.arrayContaining(['budget', 'marketing']));
    expect(by.Bob).toEqual(expect.arrayContaining(['battery', 'remote control']));
    expect(by.Alice).not.toContain('battery');
    expect([...by.Alice, ...by.Bob].join(' ')).not.toMatch(/alice|bob/i);
  });

  it('ignores segments without words and copes with nothing at all', () => {
    const a = computeAnalytics([seg('A', 0, 1000, '{vocalsound}'), seg('B', 1000, 3000)]);
    expect(a.speakers.map((s) => s.speaker)).toEqual(['B']);
    expect(a.speakers[0].share).toBe(1);
    const empty = computeAnalytics([]);
    expect(empty).toMatchObject({
      durationMs: 0,
      speakers: [],
      turns: 0,
      longestMonologue: null,
      topics: [],
    });
    expect(empty.engagement.score).toBe(0);
  });
});

describe('computeAnalytics on ES2002a', () => {
  const { meeting_transcripts: turns } = JSON.parse(
    readFileSync(join(meetingsDir(), 'ES2002a.json'), 'utf8'),
  ) as { meeting_transcripts: Array<{ speaker: string; content: string }> };
  let at = 0;
  const segments = turns.map((turn, i) => {
    const words = turn.content.replace(/\{[^}]*\}/g, '').match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
    const ms = Math.max(400, Math.round((words / 150) * 60_000));
    const s = { id: `t${i}`, speaker: turn.speaker, text: turn.content, startMs: at, endMs: at + ms };
    at += ms + 250;
    return s;
  });
  const a = computeAnalytics(segments, { speakerNames: { 'Project Manager': 'Laura' } });

  it('has every speaker, with shares summing to 1', () => {
    expect(a.speakers.map((s) => s.speaker).sort()).toEqual([
      'Industrial Designer',
      'Laura',
      'Marketing',
      'User Interface',
    ]);
    expect(a.speakers.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);
    expect(a.speakers[0].speaker).toBe('Laura');
  });

  it('measures the pace, the gaps and the turn-taking that the timeline was built with', () => {
    expect(a.wordsPerMinute).toBeGreaterThan(130);
    expect(a.wordsPerMinute).toBeLessThanOrEqual(150);
    expect(a.silenceRatio).toBeGreaterThan(0.03);
    expect(a.silenceRatio).toBeLessThan(0.15);
    expect(a.interruptions.total).toBe(0);
    expect(a.turns).toBeGreaterThan(200);
    expect(a.questions).toBeGreaterThan(20);
  });

  it('reads a friendly, lively kick-off', () => {
    expect(a.sentiment).toBeGreaterThan(0);
    expect(a.engagement.score).toBeGreaterThan(0.6);
    expect(a.engagement.score).toBeLessThanOrEqual(1);
    expect(a.topics.slice(0, 3)).toContain('remote control');
    expect(a.topics).not.toContain('laura');
  });
});
