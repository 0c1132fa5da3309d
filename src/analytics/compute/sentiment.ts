import { INTENSIFIERS, NEGATORS, VALENCE } from './sentiment-lexicon.js';

const NEGATION_REACH = 3;
// VADER's normalisation constant: maps a raw valence sum onto -1..1 without a hard clip.
const ALPHA = 15;
const NEGATION_FACTOR = -0.75;

function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-z]+(?:'[a-z]+)?/g) ?? []
  );
}

/**
 * Lexicon sentiment of one utterance in -1..1, or null when it holds no sentiment word.
 * A negator within three words before flips and damps a word ("not good" → negative, "no
 * problem" → mildly positive); an intensifier right before scales it ("really good").
 */
export function sentimentScore(text: string): number | null {
  const words = tokens(text);
  let sum = 0;
  let hits = 0;
  words.forEach((word, i) => {
    const valence = VALENCE.get(word);
    if (valence === undefined) return;
    hits++;
    let v = valence * (INTENSIFIERS.get(words[i - 1] ?? '') ?? 1);
    const window = words.slice(Math.max(0, i - NEGATION_REACH), i);
    if (window.some((w) => NEGATORS.has(w) || w.endsWith("n't"))) v *= NEGATION_FACTOR;
    sum += v;
  });
  return hits === 0 ? null : sum / Math.sqrt(sum * sum + ALPHA);
}

/** Mean of the scores that exist; 0 (neutral) when nothing carried sentiment. */
export function meanSentiment(scores: ReadonlyArray<number | null>): number {
  const present = scores.filter((s): s is number => s !== null);
  return present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length;
}
