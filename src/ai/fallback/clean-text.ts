import type { TranscriptSegment } from './transcript.js';

// Corpus and ASR annotations: {vocalsound}, [laughter], <unk>, (inaudible), ICSI's "@".
const MARKUP = /\{[^{}]*\}|\[[^[\]]{1,40}\]|<[^<>]{1,30}>|(?<!\S)@+(?!\S)/g;
const NON_SPEECH =
  /\((?:laugh\w*|inaudible|unintelligible|crosstalk|applause|cough\w*|music|noise|silence|pause|sighs?|clears throat|background noise)\)/gi;
const SPELLED_ACRONYM = /(?<![\p{L}])((?:\p{L}_)+)(\p{Ll}*)/gu;
const DETACHED_CLITIC = /\s+(['’](?:s|m|re|ve|ll|d)|n['’]t)(?![\p{L}])/giu;

// A restart marker after a short fragment means the fragment was abandoned ("So cost {disfmarker} like
// production cost"); after a longer stretch only the marker goes, and the repeat pass mends the seam.
const RESTART = /(^|[,.;:!?])([^,.;:!?]*?)\s*(?:\{disfmarker\}|--+|—)/g;
const MAX_ABANDONED_WORDS = 3;

const FILLER_WORD = 'u+m+|u+h+|u+hm+|e+r+m*|e+hm+|h+m+|m+|mhm';
// Hyphen guards keep "mm-hmm" and "uh-huh", which answer a question rather than fill a pause.
const FILLER = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${FILLER_WORD})(?![\\p{L}\\p{N}'’-])(\\s*,)?`, 'giu');
const FILLER_TOKEN = new RegExp(`^(?:${FILLER_WORD})$`);
// "you know" / "I mean" only as parentheticals: set off by punctuation (or the turn's edges) on both sides.
const PARENTHETICAL = /(^|[,.;:!])\s*(?:you know|I mean)\s*(?=[,.;:!]|$)/gi;

const MAX_REPEAT = 5;
const KEEP_DOUBLED = new Set(
  'had bye ha oh o x zero one two three four five six seven eight nine ten'.split(' '),
);
// Short real words are not truncations of the next word ("we were", "on one").
const FUNCTION_WORDS = new Set(
  `a an and are as at be but by do for go he her his i if in is it me my no of on or our so than that the
  their them then they this to up us was we what when who will with you`.split(/\s+/),
);
const BARE_WORD = /^[\p{L}\p{N}'’-]+$/u;
const PUNCT_RANK: Record<string, number> = { ',': 1, ':': 2, ';': 3, '.': 4, '!': 5, '?': 6 };

interface Token {
  raw: string;
  core: string;
  bare: boolean;
}

/** A lower-cased word the clean-up drops as a filler (um, uh, er, hmm…). */
export const isFillerWord = (word: string): boolean => FILLER_TOKEN.test(word);

/** Only the bracketed annotations ({vocalsound}, [laughter], <unk>) out: cheaper than stripMarkup, for counting words. */
export const withoutAnnotations = (text: string): string => text.replace(MARKUP, ' ');

/** Removes transcription markup without touching the words; analytics counts on the rest. */
export function stripMarkup(text: string): string {
  return text
    .replace(MARKUP, ' ')
    .replace(NON_SPEECH, ' ')
    .replace(SPELLED_ACRONYM, (_m, letters: string, suffix: string) => letters.replace(/_/g, '') + suffix)
    .replace(DETACHED_CLITIC, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function dropAbandonedFragments(text: string): string {
  return text.replace(RESTART, (_m, lead: string, fragment: string) => {
    const spoken = fragment.replace(MARKUP, ' ').trim();
    const count = spoken === '' ? 0 : spoken.split(/\s+/).length;
    return count <= MAX_ABANDONED_WORDS ? `${lead} ` : `${lead}${fragment} `;
  });
}

function sameWords(tokens: readonly Token[], a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const x = tokens[a + k];
    const y = tokens[b + k];
    if (!x.bare || (!y.bare && k < len - 1) || x.core !== y.core) return false;
  }
  return true;
}

/**
 * Restarts, token by token: a truncated word the speaker immediately completes ("des design",
 * "M my") goes, and a repeated run of up to five words ("the the", "it could it could") keeps one.
 */
function collapseRepeats(text: string): string {
  const tokens: Token[] = text
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => ({ raw, core: raw.toLowerCase().replace(/[,.;:!?]+$/, ''), bare: BARE_WORD.test(raw) }));
  const out: string[] = [];
  let i = 0;
  next: while (i < tokens.length) {
    const t = tokens[i];
    const after = tokens[i + 1];
    const truncated =
      after !== undefined &&
      t.bare &&
      t.core.length < after.core.length &&
      t.core.length <= 6 &&
      !/\d/.test(t.core) &&
      after.core.startsWith(t.core) &&
      !FUNCTION_WORDS.has(t.core);
    if (truncated) {
      i++;
      continue;
    }
    for (let len = Math.min(MAX_REPEAT, Math.floor((tokens.length - i) / 2)); len >= 1; len--) {
      if (len === 1 && KEEP_DOUBLED.has(t.core)) continue;
      if (sameWords(tokens, i, i + len, len)) {
        i += len;
        continue next;
      }
    }
    out.push(t.core === 'i' || t.core.startsWith("i'") ? `I${t.raw.slice(1)}` : t.raw);
    i++;
  }
  return out.join(' ');
}

function tidyPunctuation(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/\s+([,.;:!?)])/g, '$1')
      .replace(/\(\s+/g, '(')
      .replace(/"\s*([^"]*?)\s*"/g, '"$1"')
      // A run like ", ." keeps its strongest mark.
      .replace(/[,.;:!?](?:\s*[,.;:!?])+/g, (run) =>
        [...run.replace(/\s/g, '')].reduce((a, b) => (PUNCT_RANK[b] > PUNCT_RANK[a] ? b : a)),
      )
      .replace(/([,;:!?])(?=\p{L})/gu, '$1 ')
      .replace(/^[\s,.;:!?-]+/, '')
      .replace(/[\s,;:-]+$/, '')
  );
}

function capitalise(text: string): string {
  return text.replace(
    /(^|[.!?]\s+)(['’"]?)(\p{Ll})/gu,
    (_m, lead: string, quote: string, ch: string) => lead + quote + ch.toUpperCase(),
  );
}

/**
 * Refinement fallback for one utterance: markup, fillers, restarts and stutters out; spacing,
 * punctuation and sentence capitals fixed. Conservative on purpose: it never rewrites words.
 */
export function cleanText(text: string): string {
  const spoken = stripMarkup(dropAbandonedFragments(text)).replace(FILLER, '');
  const repaired = collapseRepeats(tidyPunctuation(spoken).replace(PARENTHETICAL, '$1'));
  return capitalise(tidyPunctuation(repaired));
}

/** The refinement stage's local answer: same ids and times, cleaned text (empty when nothing was said). */
export function refineSegments(segments: readonly TranscriptSegment[]): TranscriptSegment[] {
  return segments.map((s) => ({ ...s, text: cleanText(s.text) }));
}
