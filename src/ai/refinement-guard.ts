import { tokenize } from '#src/transcription/audio/text-tokens.js';
import { isFillerWord, withoutAnnotations } from './fallback/clean-text.js';

export type RefinementVerdict = 'cleanup' | 'empty' | 'new-words' | 'lost-words' | 'too-long';

/** Share of the refined line's words that must appear in the original: fixes, not new content. */
const MIN_SHARED_OF_REFINED = 0.6;
/** Share of the original's words (fillers and annotations aside) the refined line must keep. */
const MIN_KEPT_OF_ORIGINAL = 0.5;
const MAX_GROWTH = 1.25;
const MAX_GROWTH_CHARS = 10;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
// What normalizeToken strips (\p{P}) among ASCII characters.
const ASCII_PUNCTUATION = /[!"#%&'()*,\-./:;?@[\\\]_{}]/g;

/**
 * Normalized tokens, as tokenize() makes them; plain ASCII lines (most of them, and every line of
 * every refinement is checked) take a shortcut that gives the same tokens without a regex per word.
 */
export function lineWords(text: string): string[] {
  if (!ASCII_ONLY.test(text)) return tokenize(text).map((t) => t.norm);
  return text.toLowerCase().replace(ASCII_PUNCTUATION, '').split(/\s+/).filter(Boolean);
}

/**
 * Whether `refined` is plausibly a clean-up of `original` (punctuation, casing, fillers and false
 * starts out, small fixes) rather than another text. Language-neutral: it compares normalized tokens
 * (characters for unspaced scripts); the only word list involved is the local clean-up's fillers,
 * which the refined line need not keep.
 */
export function refinementVerdict(original: string, refined: string): RefinementVerdict {
  const said = lineWords(withoutAnnotations(original));
  const kept = said.filter((w) => !isFillerWord(w));
  const out = lineWords(refined);
  if (out.length === 0) return kept.length === 0 ? 'cleanup' : 'empty';
  if (refined.trim().length > original.trim().length * MAX_GROWTH + MAX_GROWTH_CHARS) return 'too-long';
  const saidSet = new Set(said);
  if (out.filter((w) => saidSet.has(w)).length < out.length * MIN_SHARED_OF_REFINED) return 'new-words';
  const outSet = new Set(out);
  if (kept.filter((w) => outSet.has(w)).length < kept.length * MIN_KEPT_OF_ORIGINAL) return 'lost-words';
  return 'cleanup';
}
