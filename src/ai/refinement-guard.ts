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
// What normalizeToken strips (\p{P}) among ASCII characters, by char code.
const ASCII_PUNCTUATION = new Uint8Array(128);
for (const c of '!"#%&\'()*,-./:;?@[\\]_{}') ASCII_PUNCTUATION[c.charCodeAt(0)] = 1;
const isAsciiSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * Normalized tokens, as tokenize() makes them; plain ASCII lines (most of them, and every line of
 * every refinement is checked) take a shortcut that gives the same tokens in one pass.
 */
export function lineWords(text: string): string[] {
  if (!ASCII_ONLY.test(text)) return tokenize(text).map((t) => t.norm);
  const lower = text.toLowerCase();
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (isAsciiSpace(code)) {
      if (word) words.push(word);
      word = '';
    } else if (!ASCII_PUNCTUATION[code]) word += lower[i];
  }
  if (word) words.push(word);
  return words;
}

/**
 * Whether `refined` is plausibly a clean-up of `original` (punctuation, casing, fillers and false
 * starts out, small fixes) rather than another text. Language-neutral: it compares normalized tokens
 * (characters for unspaced scripts); the only word list involved is the local clean-up's fillers,
 * which the refined line need not keep.
 */
export function refinementVerdict(original: string, refined: string): RefinementVerdict {
  const said = lineWords(withoutAnnotations(original));
  const out = lineWords(refined);
  let kept = 0;
  for (const w of said) if (!isFillerWord(w)) kept++;
  if (out.length === 0) return kept === 0 ? 'cleanup' : 'empty';
  if (refined.trim().length > original.trim().length * MAX_GROWTH + MAX_GROWTH_CHARS) return 'too-long';
  const saidSet = new Set(said);
  let shared = 0;
  for (const w of out) if (saidSet.has(w)) shared++;
  if (shared < out.length * MIN_SHARED_OF_REFINED) return 'new-words';
  const outSet = new Set(out);
  let keptInOut = 0;
  for (const w of said) if (outSet.has(w) && !isFillerWord(w)) keptInOut++;
  if (keptInOut < kept * MIN_KEPT_OF_ORIGINAL) return 'lost-words';
  return 'cleanup';
}
