import { describe, expect, it } from 'vitest';
import type { RetrievedPassage } from '../retrieval/passages.js';
import { askRequest } from './ask.prompt.js';
import { CitationBook } from './citations.js';
import { extractiveAnswer } from './extractive-answer.js';

const passage = (
  id: string,
  texts: string[],
  startMs: number,
  speaker: string | null = 'Ann',
): RetrievedPassage => {
  const segments = texts.map((text, i) => ({
    id: `${id}${i}`,
    sessionId: 's1',
    seq: i,
    startMs: startMs + i * 1000,
    endMs: startMs + i * 1000 + 900,
    speaker,
    text,
  }));
  return {
    sessionId: 's1',
    segmentId: segments[0].id,
    startMs,
    endMs: segments.at(-1)!.endMs,
    speaker,
    text: texts.join('\n'),
    score: 0.8,
    segments,
    notes: [],
  };
};

describe('extractiveAnswer', () => {
  it('says no model answered, why, and quotes the segment of each best passage that matches the question', () => {
    const book = new CitationBook([]);
    const passages = [
      passage('p', ['Hello all.', 'The remote sells for twenty five Euro.'], 0),
      passage('q', ['Batteries are cheap.'], 60_000, null),
      passage('r', ['x'], 90_000),
      passage('s', ['y'], 99_000),
    ];
    const text = extractiveAnswer(
      'How much will the remote sell for?',
      passages,
      'no AI model is configured',
      book,
    );
    expect(text).toBe(
      'No AI model answered this (no AI model is configured), so here is what was said in the passages that match the question best. ' +
        'Ann said: “The remote sells for twenty five Euro.” [1] Someone said: “Batteries are cheap.” [2] Ann said: “x” [3]',
    );
    expect(book.citations.map((c) => c.segmentId)).toEqual(['p1', 'q0', 'r0']);
  });

  it('shortens long quotes in the text, never in the citation', () => {
    const long = `remote ${'word '.repeat(100)}`.trim();
    const book = new CitationBook([]);
    const text = extractiveAnswer('remote', [passage('p', [long], 0)], 'down', book);
    expect(text).toMatch(/…” \[1\]$/);
    expect(book.citations[0].quote).toBe(long);
  });
});

describe('askRequest', () => {
  it('numbers the passages, replays the history without markers and bounds the answer', () => {
    const request = askRequest(
      'Who pays?',
      [passage('p', ['Ann pays.'], 61_000)],
      [{ question: 'Price?', answer: 'Twenty five Euro. [1]' }],
      4000,
    );
    expect(request.system).toContain('numbered passages');
    expect(request.messages).toEqual([
      { role: 'user', content: 'Price?' },
      { role: 'assistant', content: 'Twenty five Euro.' },
      { role: 'user', content: 'Passages:\n[1] (01:01–01:01)\nAnn pays.\n\nQuestion: Who pays?' },
    ]);
    expect(request.maxTokens).toBe(1000);
  });
});
