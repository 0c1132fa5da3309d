import { tokenize } from '#src/transcription/audio/text-tokens.js';
import { cleanText } from './fallback/clean-text.js';

export type RefinementVerdict = 'cleanup' | 'empty' | 'new-words' | 'lost-words' | 'too-long';

/** Share of the refined line's words that must appear in the original: fixes, not new content. */
const MIN_SHARED_OF_REFINED = 0.6;
/** Share of the original's words (fillers and markup aside) the refined line must keep. */
const MIN_KEPT_OF_ORIGINAL = 0.5;
const MAX_GROWTH = 1.25;
const MAX_GROWTH_CHARS = 10;

const words = (text: string): string[] => tokenize(text).map((t) => t.norm);

/**
 * Whether `refined` is plausibly a clean-up of `original` (punctuation, casing, fillers and false
 * starts out, small fixes) rather than another text. Language-neutral: it compares normalized tokens
 * (characters for unspaced scripts); the only word list involved is the local clean-up's fillers,
 * which sets the words the refined line must keep.
 */
export function refinementVerdict(original: string, refined: string): RefinementVerdict {
  const kept = words(cleanText(original));
  const said = new Set([...words(original), ...kept]);
  const out = words(refined);
  if (out.length === 0) return kept.length === 0 ? 'cleanup' : 'empty';
  if (refined.trim().length > original.trim().length * MAX_GROWTH + MAX_GROWTH_CHARS) return 'too-long';
  if (out.filter((w) => said.has(w)).length < out.length * MIN_SHARED_OF_REFINED) return 'new-words';
  const outSet = new Set(out);
  if (kept.filter((w) => outSet.has(w)).length < kept.length * MIN_KEPT_OF_ORIGINAL) return 'lost-words';
  return 'cleanup';
}
