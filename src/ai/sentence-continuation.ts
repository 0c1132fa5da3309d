import type { TranscriptSegment } from './fallback/transcript.js';

/*
 * ASR and the refinement both treat each segment as a sentence of its own, so a sentence the
 * windowing split ("…we need to design a" / "New remote control") comes back with a capital in
 * the middle. Case is changed only where the speaker's previous segment ends without sentence
 * punctuation, in any script that has case; scripts without case never change. A capitalised
 * word is kept when the transcript itself writes it capitalised mid-sentence elsewhere (a name,
 * "I", a German noun), or when it has capitals inside (NASA, McKinsey).
 */

/** Ends of sentences across scripts: Latin/Cyrillic/Greek . ! ? …, CJK 。！？, Arabic ؟ and ۔, Devanagari ।, Greek ;. */
const SENTENCE_END = /[.!?…。！？؟۔।॥\u037E]$/u;
/** Closing quotes and brackets after the end mark ("…done." / «…fini.») do not hide it. */
const CLOSERS = /["'’”»)\]}」』\s]+$/u;
const FIRST_WORD = /^(["'‘“«(¿¡]*)(\p{Lu})([\p{L}\p{M}\p{N}'’-]*)/u;
const MID_SENTENCE_CAPITAL = /(?<=[\p{L}\p{N},;:]\s+["'‘“«(]*)\p{Lu}[\p{L}\p{M}\p{N}'’-]*/gu;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.replace(CLOSERS, ''));
}

/** Words the texts write capitalised where no sentence starts: evidence of a name, not a sentence start. */
export function capitalisedMidSentence(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const [word] of text.matchAll(MID_SENTENCE_CAPITAL)) words.add(word);
  return words;
}

/** `text` with its first word in lower case, unless that word is evidently capitalised on its own. */
export function continueSentence(text: string, keep: ReadonlySet<string>): string {
  const match = FIRST_WORD.exec(text);
  if (!match) return text;
  const [whole, lead, first, rest] = match;
  if (/\p{Lu}/u.test(rest) || keep.has(first + rest)) return text;
  return lead + first.toLowerCase() + rest + text.slice(whole.length);
}

/**
 * The refined text per segment id, with the sentences that run across segments of one speaker
 * continued in lower case. `segments` are in transcript order; ids absent from `refined` are skipped.
 */
export function continueSentences(segments: readonly TranscriptSegment[], refined: ReadonlyMap<string, string>): Map<string, string> {
  const keep = capitalisedMidSentence(refined.values());
  const out = new Map(refined);
  let previous: { speaker: string | null; text: string } | undefined;
  for (const seg of segments) {
    const text = out.get(seg.id);
    if (text === undefined || text.trim() === '') continue;
    if (previous && previous.speaker === seg.speaker && !endsSentence(previous.text)) out.set(seg.id, continueSentence(text, keep));
    previous = { speaker: seg.speaker, text };
  }
  return out;
}
