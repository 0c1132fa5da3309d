import { isBackchannel } from './backchannel.js';
import type { Sentence } from './sentences.js';
import type { SummaryItem } from './summary-item.js';
import { cosine, tfIdf } from './tf-idf.js';
import { textRank } from './text-rank.js';
import { contentTerms, words } from './tokenize.js';

export interface ExtractiveSummaryOptions {
  overviewSentences?: number;
  keyPoints?: number;
  /** Named in the overview's opening line when given. */
  topics?: readonly string[];
}

export interface ExtractiveSummary {
  overview: string;
  keyPoints: SummaryItem[];
}

const MIN_WORDS = 5;
const MIN_TERMS = 2;
const REDUNDANT = 0.5;

interface Candidate {
  sentence: Sentence;
  score: number;
}

// Good summary sentences are neither fragments nor rambles; questions rarely summarise anything.
function prior(sentence: Sentence, relativePosition: number): number {
  const n = words(sentence.text).length;
  const length = Math.min(1, n / 10) * (n > 40 ? Math.sqrt(40 / n) : 1);
  // Openings set the agenda and closings wrap up, so both edges get a mild lift.
  const position =
    1 + 0.2 * Math.exp(-relativePosition / 0.08) + 0.15 * Math.exp(-(1 - relativePosition) / 0.08);
  const trailingOff = /[.!?]["”]?$/.test(sentence.text) ? 1 : 0.7;
  return length * position * trailingOff * (sentence.text.endsWith('?') ? 0.5 : 1);
}

function durationMinutes(sentences: readonly Sentence[]): number {
  const start = Math.min(...sentences.map((s) => s.startMs));
  const end = Math.max(...sentences.map((s) => s.endMs));
  return Math.max(1, Math.round((end - start) / 60_000));
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function openingLine(sentences: readonly Sentence[], topics: readonly string[]): string {
  const talk = new Map<string, number>();
  for (const s of sentences) if (s.speaker) talk.set(s.speaker, (talk.get(s.speaker) ?? 0) + s.text.length);
  const speakers = [...talk.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const named = speakers.length > 5 ? [...speakers.slice(0, 4), `${speakers.length - 4} others`] : speakers;
  const who = named.length > 0 ? ` with ${listOf(named)}` : '';
  const about = topics.length > 0 ? `, mostly about ${listOf(topics.slice(0, 3))}` : '';
  return `A ${durationMinutes(sentences)}-minute meeting${who}${about}.`;
}

/**
 * Extractive summary: TextRank over TF-IDF sentence similarity, weighted by length and position
 * priors, then picked greedily while skipping near-duplicates of what is already picked.
 */
export function extractiveSummary(
  sentences: readonly Sentence[],
  options: ExtractiveSummaryOptions = {},
): ExtractiveSummary {
  const { overviewSentences = 3, keyPoints = 6, topics = [] } = options;
  if (sentences.length === 0) return { overview: '', keyPoints: [] };

  const pool = sentences.filter(
    (s) =>
      !isBackchannel(s.text) && words(s.text).length >= MIN_WORDS && contentTerms(s.text).length >= MIN_TERMS,
  );
  const { vectors } = tfIdf(pool.map((s) => contentTerms(s.text)));
  const ranks = textRank(vectors);
  const last = Math.max(1, sentences.length - 1);
  const ranked: Candidate[] = pool
    .map((sentence, i) => ({ sentence, score: ranks[i] * prior(sentence, sentence.index / last), i }))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index)
    .reduce<Array<Candidate & { i: number }>>((picked, c) => {
      const count = Math.max(overviewSentences, keyPoints);
      if (picked.length < count && picked.every((p) => cosine(vectors[p.i], vectors[c.i]) < REDUNDANT)) {
        picked.push(c);
      }
      return picked;
    }, []);

  const inTimeOrder = (list: Candidate[]) => [...list].sort((a, b) => a.sentence.index - b.sentence.index);
  const quoted = inTimeOrder(ranked.slice(0, overviewSentences)).map(({ sentence: s }) =>
    s.speaker ? `${s.speaker}: “${s.text}”` : `“${s.text}”`,
  );
  const overview = [openingLine(sentences, topics), ...quoted].join(' ');
  const points = inTimeOrder(ranked.slice(0, keyPoints)).map(({ sentence: s }) => ({
    text: s.text,
    ...(s.speaker ? { speaker: s.speaker } : {}),
    atMs: s.startMs,
  }));
  return { overview, keyPoints: points };
}
