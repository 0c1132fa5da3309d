import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowSegment } from '../retrieval/ask-retrieval.repository.js';
import type { RetrievedPassage } from '../retrieval/passages.js';
import { CitationBook, SentenceSplitter, supportingSegment, withoutMarkers } from './citations.js';

const segment = (id: string, text: string, startMs: number): WindowSegment => ({
  id,
  sessionId: 's1',
  seq: startMs / 1000,
  startMs,
  endMs: startMs + 900,
  speaker: 'Ann',
  text,
});
const passage = (segments: WindowSegment[], anchor = segments[0].id): RetrievedPassage => ({
  sessionId: 's1',
  segmentId: anchor,
  startMs: segments[0].startMs,
  endMs: segments.at(-1)!.endMs,
  speaker: 'Ann',
  text: segments.map((s) => s.text).join('\n'),
  score: 0.5,
  segments,
  notes: [],
});
const price = passage([
  segment('a', 'Welcome everyone to the kick-off.', 0),
  segment('b', 'We will sell the remote for twenty five Euro.', 1000),
  segment('c', 'Okay.', 2000),
]);
const battery = passage([segment('d', 'The battery lasts two years.', 5000)]);

describe('SentenceSplitter', () => {
  it.each([
    {
      name: 'sentences with markers after the stop',
      deltas: ['Price is 25 Euro. [1] The bat', 'tery lasts. [2]'],
      expected: ['Price is 25 Euro. [1]', 'The battery lasts. [2]'],
    },
    {
      name: 'markers before the stop',
      deltas: ['Price is 25 Euro [1]. Battery [2].'],
      expected: ['Price is 25 Euro [1].', 'Battery [2].'],
    },
    {
      name: 'a marker split across deltas',
      deltas: ['Price. [', '1] Next one [2', '].'],
      expected: ['Price. [1]', 'Next one [2].'],
    },
    {
      name: 'line breaks end sentences',
      deltas: ['- first [1]\n- second [2]'],
      expected: ['- first [1]', '- second [2]'],
    },
    {
      name: 'decimals do not',
      deltas: ['It costs 12.50 Euro [1]. Fine.'],
      expected: ['It costs 12.50 Euro [1].', 'Fine.'],
    },
  ])('$name', ({ deltas, expected }) => {
    const splitter = new SentenceSplitter();
    expect([...deltas.flatMap((d) => splitter.push(d)), ...splitter.end()]).toEqual(expected);
  });

  it('loses and adds nothing, however the text is cut into deltas', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('Price', ' is', ' 25', '.', ' ', '[1]', '[', '2', ']', '\n', 'Euro', '!', '?'),
          { maxLength: 40 },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        (words, cuts) => {
          const text = words.join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const splitter = new SentenceSplitter();
          const out = [0, ...points].flatMap((p, i) =>
            splitter.push(text.slice(p, [...points, text.length][i])),
          );
          const all = [...out, ...splitter.end()];
          expect(all.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        },
      ),
    );
  });
});

describe('CitationBook', () => {
  it('rewrites passage markers into citation numbers, one citation per segment, quoting the supporting segment', () => {
    const book = new CitationBook([price, battery]);
    expect(book.cite('They will sell it for twenty five Euro [1].')).toBe(
      'They will sell it for twenty five Euro. [1]',
    );
    expect(book.cite('The battery lasts two years [2][1].')).toBe('The battery lasts two years. [2][3]');
    expect(book.cite('Again, twenty five Euro. [1]')).toBe('Again, twenty five Euro. [1]');
    expect(book.citations.map((c) => [c.segmentId, c.startMs, c.endMs, c.quote])).toEqual([
      ['b', 1000, 1900, 'We will sell the remote for twenty five Euro.'],
      ['d', 5000, 5900, 'The battery lasts two years.'],
      ['a', 0, 900, 'Welcome everyone to the kick-off.'],
    ]);
  });

  it.each([
    ['no marker', 'The remote will fly.'],
    ['a marker past the passages', 'It flies [3].'],
    ['marker zero', 'It flies [0].'],
    ['only a marker', '[1]'],
  ])('drops a sentence with %s', (_, sentence) => {
    const book = new CitationBook([price, battery]);
    expect(book.cite(sentence)).toBeNull();
    expect(book.citations).toEqual([]);
  });

  it('keeps the valid markers of a sentence that also has invalid ones, and lists like [1, 2]', () => {
    const book = new CitationBook([price, battery]);
    expect(book.cite('Euro and battery [1, 2] [7].')).toBe('Euro and battery. [1][2]');
  });
});

describe('supportingSegment and withoutMarkers', () => {
  it('falls back to the anchor when no segment shares a word', () => {
    expect(supportingSegment(passage(price.segments, 'c'), 'zebra').id).toBe('c');
    expect(supportingSegment(price, 'remote twenty five Euro').id).toBe('b');
  });

  it('removes markers and the space they leave', () => {
    expect(withoutMarkers('Price is 25 Euro [1]. Battery [2, 3] lasts.')).toBe(
      'Price is 25 Euro. Battery lasts.',
    );
  });
});
