/** Sparse L2-normalised vector; ids ascend so two vectors merge in linear time. */
export interface TermVector {
  ids: number[];
  weights: number[];
}

export interface TfIdfModel {
  vectors: TermVector[];
  vocabulary: string[];
  /** How many documents hold each term, indexed like vocabulary. */
  df: number[];
}

/** Sublinear TF times smoothed IDF over the given documents (each a list of terms). */
export function tfIdf(docs: readonly (readonly string[])[]): TfIdfModel {
  const index = new Map<string, number>();
  const vocabulary: string[] = [];
  const df: number[] = [];
  const counts = docs.map((terms) => {
    const tf = new Map<number, number>();
    for (const term of terms) {
      let id = index.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        index.set(term, id);
        vocabulary.push(term);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id]++;
    return tf;
  });
  const n = docs.length;
  const vectors = counts.map((tf) => {
    const ids = [...tf.keys()].sort((a, b) => a - b);
    const raw = ids.map((id) => (1 + Math.log(tf.get(id) ?? 1)) * Math.log(1 + n / df[id]));
    const norm = Math.sqrt(raw.reduce((sum, w) => sum + w * w, 0)) || 1;
    return { ids, weights: raw.map((w) => w / norm) };
  });
  return { vectors, vocabulary, df };
}

export function cosine(a: TermVector, b: TermVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) sum += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
