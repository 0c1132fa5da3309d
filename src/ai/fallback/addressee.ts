import type { Sentence } from './sentences.js';
import { findSpeaker, type SpeakerAlias } from './speaker-aliases.js';
import { isStopword } from './stopwords.js';

const LEAD_WORDS =
  /^(?:(?:and|so|okay|ok|right|now|well|um|also|then|hey|oh|alright|for|as|the|our|my)\s+)+/i;
const NOT_NAMES = new Set(
  `okay ok so well yes yeah no right alright now sure great good also then actually anyway oh hey hi thanks
  please sorry first second finally basically honestly obviously cool fine perfect hmm um uh and but or
  because if when otherwise again listen look guys everyone everybody folks team today tomorrow monday
  tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december maybe yep nope agreed exactly true throughout`.split(/\s+/),
);

/** A bare capitalised name such as "John" or "Mary Ann", as people are called in a vocative. */
function properName(phrase: string): string | null {
  const chunk = phrase.trim().replace(LEAD_WORDS, '');
  if (!/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?$/u.test(chunk)) return null;
  const common = chunk.split(' ').some((w) => NOT_NAMES.has(w.toLowerCase()) || isStopword(w));
  return common ? null : chunk;
}

function named(phrase: string, aliases: readonly SpeakerAlias[]): string | null {
  return findSpeaker(phrase.replace(LEAD_WORDS, ''), aliases) ?? properName(phrase);
}

/**
 * Who a request or instruction is addressed to: a vocative at the start or end ("John, can you…",
 * "…by Friday, Maria?"), a role ("as the industrial designer, you'll…"), or the name just before
 * the "you" ("and marketing, you're going to…").
 */
export function findAddressee(
  sentence: Sentence,
  triggerAt: number,
  aliases: readonly SpeakerAlias[],
): string | null {
  const text = sentence.text;
  const before = text.slice(0, triggerAt);
  const candidates = [
    /\bas (?:the|our|a) ([^,]{2,40}),/i.exec(text)?.[1],
    /^([^,]{2,40}),/.exec(text)?.[1],
    /(?:^|[,;:]\s*)((?:\S+\s+){0,4}\S+)\s*,?\s*$/.exec(before)?.[1],
    /,\s*([^,]{2,30}?)\s*[?.!]*$/.exec(text)?.[1],
  ];
  for (const phrase of candidates) {
    if (phrase === undefined || phrase.split(/\s+/).length > 5) continue;
    const who = named(phrase, aliases);
    if (who && who !== sentence.speaker) return who;
  }
  return null;
}
