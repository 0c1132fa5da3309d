import { describe, expect, it } from 'vitest';
import { extractTopics } from './keywords.js';

describe('extractTopics', () => {
  const texts = [
    'The remote control needs a bigger battery.',
    'Yeah, the remote control is too small, you know.',
    'A remote control with voice recognition would be nice.',
    'Voice recognition is expensive, I think.',
    'The battery should last a year.',
    'Okay, yeah, I think so.',
  ];

  it('ranks phrases and content words and never reports stopwords or fillers', () => {
    const topics = extractTopics(texts);
    expect(topics.slice(0, 2)).toEqual(['remote control', 'voice recognition']);
    expect(topics).toContain('battery');
    for (const filler of ['yeah', 'okay', 'think', 'know']) expect(topics).not.toContain(filler);
  });

  it('reports a word only inside its phrase when that is how it is used', () => {
    const topics = extractTopics(texts);
    expect(topics).not.toContain('remote');
    expect(topics).not.toContain('control');
  });

  it('merges plurals and leaves out excluded names', () => {
    const topics = extractTopics(
      ['Laura likes batteries.', 'Laura checks the battery.', 'Battery life, Laura.'],
      {
        exclude: ['Laura'],
      },
    );
    expect(topics).toEqual(['battery']);
  });

  it('respects the limit and is empty for nothing', () => {
    expect(extractTopics(texts, { limit: 1 })).toHaveLength(1);
    expect(extractTopics([])).toEqual([]);
  });
});
