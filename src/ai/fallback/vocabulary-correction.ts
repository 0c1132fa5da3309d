/**
 * The local stand-in for "these terms are spelled so": a word one edit away from a workspace
 * vocabulary term becomes that term ("Mena" → "Mina"). Conservative on purpose, since a wrong
 * "correction" is worse than none: words of four letters or more only, the same first letter with
 * a name only for a capitalized word (lower-case jargon for any),
 * never a common English word, never when two terms are equally near.
 */
import { STOPWORDS } from './stopwords.js';

const WORD = /\p{L}[\p{L}'’-]*/gu;
const MIN_LENGTH = 4;

/** Levenshtein distance, stopping early once it exceeds `max`. */
function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return previous[b.length] <= max;
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

/** A term written in lower case takes the word's casing (all caps, capitalized); a name keeps its own. */
function cased(term: string, word: string): string {
  if (term !== term.toLowerCase()) return term;
  if (word.length > 1 && word === word.toUpperCase()) return term.toUpperCase();
  if (isUpper(word[0])) return term[0].toUpperCase() + term.slice(1);
  return term;
}

/** The single-word terms a correction may produce (each word of a multi-word term counts). */
function targets(vocabulary: readonly string[]): string[] {
  const words = vocabulary.flatMap((term) => term.match(WORD) ?? []).filter((w) => w.length >= MIN_LENGTH);
  return [...new Set(words)];
}

/** The vocabulary's words, ready to correct many lines with. */
export function vocabularyCorrector(vocabulary: readonly string[]): (text: string) => string {
  const terms = targets(vocabulary);
  if (terms.length === 0) return (text) => text;
  const known = new Set(terms.map((t) => t.toLowerCase()));
  const correct = (word: string): string => {
    const lower = word.toLowerCase();
    if (word.length < MIN_LENGTH || known.has(lower) || STOPWORDS.has(lower)) return word;
    // A name (capitalized term) only replaces a capitalized word; lower-case jargon any word.
    const near = terms.filter(
      (t) =>
        (!isUpper(t[0]) || isUpper(word[0])) &&
        t[0].toLowerCase() === lower[0] &&
        withinDistance(lower, t.toLowerCase(), 1),
    );
    const unique = [...new Set(near.map((t) => t.toLowerCase()))];
    return unique.length === 1 ? cased(near[0], word) : word;
  };
  return (text) => text.replace(WORD, correct);
}

/** One line corrected against the vocabulary. */
export const correctToVocabulary = (text: string, vocabulary: readonly string[]): string =>
  vocabularyCorrector(vocabulary)(text);
