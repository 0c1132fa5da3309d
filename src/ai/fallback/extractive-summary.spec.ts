import { describe, expect, it } from 'vitest';
import { extractiveSummary } from './extractive-summary.js';
import { splitSentences } from './sentences.js';

const lines: Array<[string, string]> = [
  ['Alice', 'Welcome everyone, today we plan the new remote control launch.'],
  ['Bob', 'Yeah.'],
  ['Bob', 'The remote control launch needs a marketing budget and a clear date.'],
  ['Carol', 'Mm-hmm.'],
  ['Carol', 'My cat knocked the coffee over this morning, what a mess.'],
  ['Alice', 'For the launch, the marketing budget for the remote control is forty thousand euros.'],
  ['Bob', 'Okay.'],
  ['Carol', 'The launch date of the remote control depends on the marketing budget approval.'],
];

const sentences = splitSentences(
  lines.map(([speaker, text], i) => ({
    id: `s${i}`,
    speaker,
    text,
    startMs: i * 60_000,
    endMs: i * 60_000 + 5000,
  })),
);

describe('extractiveSummary', () => {
  it('picks the central sentences, in time order, and skips backchannels and asides', () => {
    const { keyPoints } = extractiveSummary(sentences, { keyPoints: 3 });
    expect(keyPoints).toHaveLength(3);
    expect(keyPoints.map((k) => k.speaker)).not.toContain(undefined);
    expect(keyPoints.map((k) => k.text).join(' ')).not.toMatch(/cat|^Yeah|Okay|Mm-hmm/);
    const times = keyPoints.map((k) => k.atMs ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('writes a speaker-aware overview with who, how long and what about', () => {
    const { overview } = extractiveSummary(sentences, {
      overviewSentences: 2,
      topics: ['remote control', 'budget'],
    });
    expect(overview).toMatch(
      /^A 7-minute meeting with (Alice|Bob|Carol), (Alice|Bob|Carol) and (Alice|Bob|Carol), mostly about remote control and budget\./,
    );
    expect(overview.match(/(Alice|Bob|Carol): “/g)).toHaveLength(2);
  });

  it('does not repeat near-identical sentences', () => {
    const twice = splitSentences([
      {
        id: 'a',
        speaker: 'A',
        text: 'The marketing budget for the launch is forty thousand euros.',
        startMs: 0,
        endMs: 1000,
      },
      {
        id: 'b',
        speaker: 'B',
        text: 'The marketing budget for the launch is forty thousand euros.',
        startMs: 2000,
        endMs: 3000,
      },
      {
        id: 'c',
        speaker: 'C',
        text: 'The launch budget needs approval from finance this week.',
        startMs: 4000,
        endMs: 5000,
      },
    ]);
    const texts = extractiveSummary(twice, { keyPoints: 3 }).keyPoints.map((k) => k.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toHaveLength(2);
  });

  it('is empty for an empty meeting', () => {
    expect(extractiveSummary([])).toEqual({ overview: '', keyPoints: [] });
  });
});
