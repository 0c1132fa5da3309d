import type { TermVector } from './tf-idf.js';

export interface TextRankOptions {
  damping?: number;
  /** Edges weaker than this are dropped; keeps the graph sparse and the ranking less noisy. */
  minSimilarity?: number;
  iterations?: number;
}

interface Edge {
  to: number;
  weight: number;
}

/**
 * Weighted PageRank over the cosine-similarity graph of the vectors (TextRank, Mihalcea & Tarau
 * 2004). Similarities are accumulated through term postings, so cost follows shared terms rather
 * than the square of the sentence count.
 */
export function textRank(vectors: readonly TermVector[], options: TextRankOptions = {}): number[] {
  const { damping = 0.85, minSimilarity = 0.05, iterations = 40 } = options;
  const n = vectors.length;
  if (n === 0) return [];
  const postings = new Map<number, Array<{ doc: number; weight: number }>>();
  vectors.forEach((v, doc) =>
    v.ids.forEach((id, k) => {
      const list = postings.get(id) ?? [];
      list.push({ doc, weight: v.weights[k] });
      postings.set(id, list);
    }),
  );

  const edges: Edge[][] = [];
  const outWeight = new Float64Array(n);
  const scratch = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    const touched: number[] = [];
    v.ids.forEach((id, k) => {
      const wi = v.weights[k];
      for (const { doc, weight } of postings.get(id) ?? []) {
        if (doc === i) continue;
        if (scratch[doc] === 0) touched.push(doc);
        scratch[doc] += wi * weight;
      }
    });
    const row: Edge[] = [];
    for (const j of touched) {
      const weight = scratch[j];
      if (weight >= minSimilarity) row.push({ to: j, weight });
      scratch[j] = 0;
    }
    edges.push(row);
    outWeight[i] = row.reduce((sum, e) => sum + e.weight, 0);
  }

  let rank = new Float64Array(n).fill(1 / n);
  for (let iter = 0; iter < iterations; iter++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const out = outWeight[i];
      const r = rank[i];
      if (out === 0) {
        dangling += r;
        continue;
      }
      // Similarity is symmetric, so spreading i's rank along its own row equals the usual in-link sum.
      for (const e of edges[i]) next[e.to] += (r * e.weight) / out;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const value = (1 - damping) / n + damping * (next[i] + dangling / n);
      delta += Math.abs(value - rank[i]);
      next[i] = value;
    }
    rank = next;
    if (delta < 1e-7) break;
  }
  return Array.from(rank);
}
