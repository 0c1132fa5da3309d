import { contentTerms } from '#src/ai/fallback/tokenize.js';
import type { RetrievedPassage } from '../retrieval/passages.js';
import { CitationBook } from './citations.js';

/** Passages quoted when no model answers. */
const QUOTED = 3;
/** Longest quote shown in the answer's text; the citation keeps the whole segment. */
const SHOWN_CHARS = 300;

/**
 * The local fallback: no model wrote anything, so the answer says so and quotes, as spoken, the
 * segment of each best passage that shares most words with the question, each with its citation.
 */
export function extractiveAnswer(
  question: string,
  passages: readonly RetrievedPassage[],
  reason: string,
  book: CitationBook,
): string {
  const sentences = [
    `No AI model answered this (${reason}), so here is what was said in the passages that match the question best.`,
  ];
  const terms = contentTerms(question).join(' ');
  for (const passage of passages.slice(0, QUOTED)) {
    const key = book.add(passage, terms);
    const { quote, speaker } = book.citations[key - 1];
    const shown = quote.length > SHOWN_CHARS ? `${quote.slice(0, SHOWN_CHARS).trimEnd()}…` : quote;
    sentences.push(`${speaker ?? 'Someone'} said: “${shown}” [${key}]`);
  }
  return sentences.join(' ');
}
