import { STOPWORDS } from './stopwords.js';

const WORD = /[a-z0-9]+(?:['’][a-z]+)*/g;

/** Lower-cased word tokens, apostrophes kept inside words ("don't", "we'll"). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(WORD) ?? [];
  return text.includes('’') ? found.map((w) => w.replace(/’/g, "'")) : found;
}

/** A light plural stemmer: enough to merge "controls"/"control" without mangling surface forms. */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ches|shes|sses|xes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Tokens that carry content: no stopwords, no numbers, no one- or two-letter scraps. */
/** `word` as words() gives it: lower-cased already. */
export function isContentWord(word: string): boolean {
  return word.length > 2 && !/^\d+$/.test(word) && !word.includes("'") && !STOPWORDS.has(word);
}

export function contentTerms(text: string): string[] {
  return words(text).filter(isContentWord).map(stem);
}
