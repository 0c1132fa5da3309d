import { describe, expect, it } from 'vitest';
import { meanSentiment, sentimentScore } from './sentiment.js';

describe('sentimentScore', () => {
  it.each([
    ['this is good', 'positive'],
    ['this is not good', 'negative'],
    ["that isn't bad at all", 'positive'],
    ['no problem', 'positive'],
    ['never been happier, really great', 'positive'],
    ['I am worried about the deadline', 'negative'],
    ['the demo failed, what a disaster', 'negative'],
    ['sorry, we lost the data again', 'negative'],
  ])('"%s" is %s', (text, polarity) => {
    const score = sentimentScore(text) ?? 0;
    if (polarity === 'positive') expect(score).toBeGreaterThan(0);
    else expect(score).toBeLessThan(0);
  });

  it('has no score for neutral talk, and "like" is not a sentiment word', () => {
    expect(sentimentScore('we meet on Tuesday in room four')).toBeNull();
    expect(sentimentScore("it's like a remote, like, you know")).toBeNull();
  });

  it('stays within -1..1 and grows with intensity', () => {
    expect(sentimentScore('great great great great excellent amazing')).toBeLessThan(1);
    expect(sentimentScore('really good') ?? 0).toBeGreaterThan(sentimentScore('good') ?? 0);
    expect(sentimentScore('slightly annoying') ?? 0).toBeGreaterThan(sentimentScore('annoying') ?? 0);
  });
});

describe('meanSentiment', () => {
  it('averages only what carried sentiment', () => {
    expect(meanSentiment([0.5, null, -0.1])).toBeCloseTo(0.2);
    expect(meanSentiment([null, null])).toBe(0);
  });
});
