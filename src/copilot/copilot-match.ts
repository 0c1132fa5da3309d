import type { CopilotKind } from '@mina/contract/copilot';
import { jaccard } from '#src/ai/fallback/dedupe-action-items.js';
import { contentTerms } from '#src/ai/fallback/tokenize.js';

/** Items of one session that say the same thing: the same kind and ≥ 60 % of their terms shared. */
const NEAR_SAME = 0.6;
/** A provisional item is the final one when half the terms of the shorter of the two are shared (at least two). */
const SAME_INSIGHT = 0.5;

const terms = (text: string): Set<string> => new Set(contentTerms(text));
const plain = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export interface KindedText {
  kind: CopilotKind;
  text: string;
}

/** Same kind and the same words, or nearly (a rephrasing in a later scan, a repeated sentence). */
export function nearSame(a: KindedText, b: KindedText): boolean {
  if (a.kind !== b.kind) return false;
  if (plain(a.text) === plain(b.text)) return true;
  const x = terms(a.text);
  const y = terms(b.text);
  return x.size > 0 && y.size > 0 && jaccard(x, y) >= NEAR_SAME;
}

/** The candidates that are new: not near-same to a kept item or to an earlier candidate. */
export function newItems<T extends KindedText>(
  candidates: readonly T[],
  existing: readonly KindedText[],
): T[] {
  const seen: KindedText[] = [...existing];
  const out: T[] = [];
  for (const c of candidates) {
    if (!c.text.trim() || seen.some((s) => nearSame(s, c))) continue;
    seen.push(c);
    out.push(c);
  }
  return out;
}

/**
 * How well a provisional item's text matches a final task or summary line (0 = not at all): the
 * share of the shorter one's terms the other has, counted only when at least two are shared (or
 * all of a one-term text), so rephrasings match and a shared word alone does not.
 */
export function matchScore(provisional: string, final: string): number {
  const x = terms(provisional);
  const y = terms(final);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  if (shared < Math.min(2, x.size, y.size)) return 0;
  return shared / Math.min(x.size, y.size);
}

/** The index of the final line the item matches best, or -1 when none does. */
export function bestMatch(provisional: string, finals: readonly string[]): number {
  let best = -1;
  let bestScore = 0;
  finals.forEach((final, i) => {
    const score = matchScore(provisional, final);
    if (score >= SAME_INSIGHT && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
