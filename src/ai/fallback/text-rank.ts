import type { TermVector } from './tf-idf.js';

export interface TextRankOptions {
  damping?: number;
  /** Edges weaker than this are dropped; keeps the graph sparse and the ranking less noisy. */
  minSimilarity?: number;
  maxIterations?: number;
  /** Stop when the ranks move less than this in total (L1). */
  tolerance?: number;
}

/** Cosine-similarity graph in compressed rows; weights already divided by the row's total. */
interface Graph {
  rowStart: Int32Array;
  cols: Int32Array;
  weights: Float64Array;
  dangling: Uint8Array;
}

function similarityGraph(vectors: readonly TermVector[], minSimilarity: number): Graph {
  const n = vectors.length;
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      let list = postings.get(v.ids[k]);
      if (!list) postings.set(v.ids[k], (list = { docs: [], weights: [] }));
      list.docs.push(doc);
      list.weights.push(v.weights[k]);
    }
  });

  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const weights: number[] = [];
  const dangling = new Uint8Array(n);
  const scratch = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    for (let k = 0; k < v.ids.length; k++) {
      const list = postings.get(v.ids[k]);
      if (!list) continue;
      for (let p = 0; p < list.docs.length; p++) {
        const j = list.docs[p];
        if (j === i) continue;
        if (scratch[j] === 0) touched.push(j);
        scratch[j] += v.weights[k] * list.weights[p];
      }
    }
    const start = cols.length;
    let total = 0;
    for (const j of touched) {
      if (scratch[j] >= minSimilarity) {
        cols.push(j);
        weights.push(scratch[j]);
        total += scratch[j];
      }
      scratch[j] = 0;
    }
    touched.length = 0;
    for (let e = start; e < cols.length; e++) weights[e] /= total;
    rowStart[i + 1] = cols.length;
    dangling[i] = total === 0 ? 1 : 0;
  }
  return { rowStart, cols: Int32Array.from(cols), weights: Float64Array.from(weights), dangling };
}

/**
 * Weighted PageRank over the cosine-similarity graph of the vectors (TextRank, Mihalcea & Tarau
 * 2004). Similarities are accumulated through term postings, so cost follows shared terms rather
 * than the square of the sentence count.
 */
export function textRank(vectors: readonly TermVector[], options: TextRankOptions = {}): number[] {
  const { damping = 0.85, minSimilarity = 0.05, maxIterations = 50, tolerance = 1e-6 } = options;
  const n = vectors.length;
  if (n === 0) return [];
  const { rowStart, cols, weights, dangling } = similarityGraph(vectors, minSimilarity);

  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < maxIterations; iter++) {
    next.fill(0);
    let danglingMass = 0;
    for (let i = 0; i < n; i++) {
      if (dangling[i]) danglingMass += rank[i];
      // Similarity is symmetric, so spreading i's rank along its own row equals the usual in-link sum.
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) next[cols[e]] += rank[i] * weights[e];
    }
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (1 - damping) / n + damping * (next[i] + danglingMass / n);
      delta += Math.abs(next[i] - rank[i]);
    }
    [rank, next] = [next, rank];
    if (delta < tolerance) break;
  }
  return Array.from(rank);
}
