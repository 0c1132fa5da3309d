import { isContentWord, stem, words } from './tokenize.js';

export interface TopicOptions {
  limit?: number;
  /** Words never to report, e.g. the participants' names. */
  exclude?: Iterable<string>;
}

interface Term {
  tf: number;
  docs: Set<number>;
  surfaces: Map<string, number>;
  parts: string[];
}

const BIGRAM_BOOST = 1.5;
// A word mostly said inside a reported phrase ("remote" in "remote control") is shown only as the phrase.
const ABSORBED_SHARE = 0.4;

function mostCommon(surfaces: Map<string, number>): string {
  let best = '';
  let count = -1;
  for (const [surface, n] of surfaces) if (n > count) [best, count] = [surface, n];
  return best;
}

/**
 * The meeting's topics: unigrams and bigrams of content words ranked by TF-IDF, where each text
 * (a segment or sentence) is a document. Bigrams never cross punctuation or a stopword.
 */
export function extractTopics(texts: readonly string[], options: TopicOptions = {}): string[] {
  const limit = options.limit ?? 8;
  const excluded = new Set([...(options.exclude ?? [])].flatMap((name) => words(name)));
  const terms = new Map<string, Term>();
  const add = (key: string, surface: string, parts: string[], doc: number) => {
    const term = terms.get(key) ?? {
      tf: 0,
      docs: new Set<number>(),
      surfaces: new Map<string, number>(),
      parts,
    };
    term.tf++;
    term.docs.add(doc);
    term.surfaces.set(surface, (term.surfaces.get(surface) ?? 0) + 1);
    terms.set(key, term);
  };

  texts.forEach((text, doc) => {
    for (const chunk of text.split(/[,.;:!?()"“”]+/)) {
      // Each word's stem once (null for a word that carries no content), then unigrams and bigrams.
      const tokens = words(chunk);
      const stems = tokens.map((word) => (isContentWord(word) && !excluded.has(word) ? stem(word) : null));
      tokens.forEach((word, i) => {
        const s = stems[i];
        if (s === null) return;
        add(s, word, [s], doc);
        const next = stems[i + 1];
        if (next != null && next !== s) add(`${s} ${next}`, `${word} ${tokens[i + 1]}`, [s, next], doc);
      });
    }
  });

  const absorbed = new Set<string>();
  for (const term of terms.values()) {
    if (term.parts.length < 2 || term.tf < 2) continue;
    for (const part of term.parts) {
      if (term.tf >= ABSORBED_SHARE * (terms.get(part)?.tf ?? Infinity)) absorbed.add(part);
    }
  }

  const n = Math.max(1, texts.length);
  return [...terms.entries()]
    .filter(([key, t]) => t.tf >= 2 && !absorbed.has(key))
    .map(([, t]) => ({
      label: mostCommon(t.surfaces),
      score: t.tf * Math.log(1 + n / t.docs.size) * (t.parts.length > 1 ? BIGRAM_BOOST : 1),
    }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map((t) => t.label);
}
