import type { Citation } from '@mina/contract/ask';
import { contentTerms } from '#src/ai/fallback/tokenize.js';
import type { WindowSegment } from '../retrieval/ask-retrieval.repository.js';
import type { RetrievedPassage } from '../retrieval/passages.js';

const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;
/**
 * The end of a sentence: a terminator (and closing quotes), then any markers that cite it, then
 * whitespace before the next word; or a line break. Matching waits for the next word, so a
 * marker written after the full stop ("… Euro. [2] The …") still belongs to its sentence.
 */
const BOUNDARY = /[.!?…]["'’”)]*(?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*(?=\s+[^\s[])|\n/;

/** Cuts streamed text into whole sentences as soon as each is complete. */
export class SentenceSplitter {
  private buffer = '';

  push(delta: string): string[] {
    this.buffer += delta;
    const sentences: string[] = [];
    for (let m = BOUNDARY.exec(this.buffer); m; m = BOUNDARY.exec(this.buffer)) {
      const end = m.index + m[0].length;
      const sentence = this.buffer.slice(0, end).trim();
      this.buffer = this.buffer.slice(end);
      if (sentence) sentences.push(sentence);
    }
    return sentences;
  }

  end(): string[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest ? [rest] : [];
  }
}

/** Text without [n] markers, spaced as a sentence. */
export const withoutMarkers = (text: string): string =>
  text
    .replace(MARKER, ' ')
    .replace(/\s+([.,;:!?…])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The segment of a passage a sentence rests on: the one sharing most content words with it, the
 * passage's anchor when none shares more.
 */
export function supportingSegment(passage: RetrievedPassage, sentence: string): WindowSegment {
  const terms = new Set(contentTerms(sentence));
  let best = passage.segments.find((s) => s.id === passage.segmentId) ?? passage.segments[0];
  let bestOverlap = 0;
  for (const segment of passage.segments) {
    const overlap = new Set(contentTerms(segment.text).filter((t) => terms.has(t))).size;
    if (overlap > bestOverlap) [best, bestOverlap] = [segment, overlap];
  }
  return best;
}

/**
 * The answer's citations. The model cites passages by their number in the prompt; each sentence
 * is rewritten to cite entries of `citations` instead (`[k]` is `citations[k - 1]`), one entry
 * per segment, so a client can link every marker to the moment it points at.
 */
export class CitationBook {
  readonly citations: Citation[] = [];

  constructor(private readonly passages: readonly RetrievedPassage[]) {}

  /**
   * The sentence citing `citations`, or null when it cites none of the given passages: such a
   * sentence is dropped (a claim the answer cannot show the words for is not passed on).
   */
  cite(sentence: string): string | null {
    const numbers = [...sentence.matchAll(MARKER)].flatMap((m) =>
      m[1].split(',').map((n) => Number(n.trim())),
    );
    const valid = [...new Set(numbers.filter((n) => n >= 1 && n <= this.passages.length))];
    const text = withoutMarkers(sentence);
    if (valid.length === 0 || !text) return null;
    const keys = valid.map((n) => this.add(this.passages[n - 1], text));
    return `${text} ${[...new Set(keys)].map((k) => `[${k}]`).join('')}`;
  }

  /** The citation of `segment` of `passage`, added once; its 1-based number. */
  add(passage: RetrievedPassage, sentence: string, segment = supportingSegment(passage, sentence)): number {
    const known = this.citations.findIndex((c) => c.segmentId === segment.id);
    if (known >= 0) return known + 1;
    this.citations.push({
      sessionId: segment.sessionId,
      segmentId: segment.id,
      startMs: segment.startMs,
      endMs: segment.endMs,
      speaker: segment.speaker,
      quote: segment.text,
    });
    return this.citations.length;
  }
}
