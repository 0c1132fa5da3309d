export interface EngagementInput {
  /** Talk share per speaker, summing to 1. */
  shares: readonly number[];
  speakerChanges: number;
  questions: number;
  durationMs: number;
}

export interface Engagement {
  score: number;
  balance: number;
  interactivity: number;
  inquiry: number;
}

/** Speaker changes per minute at which interactivity reaches 1 − 1/e (~0.63). */
const TURN_RATE_SCALE = 3;
/** Questions per minute at which inquiry reaches ~0.63. */
const QUESTION_RATE_SCALE = 1;
const WEIGHTS = { balance: 0.5, interactivity: 0.3, inquiry: 0.2 };

/**
 * Engagement in 0..1 =
 *   0.5 · balance        normalised entropy of talk shares, −Σ pᵢ ln pᵢ / ln k (1 = everyone talks
 *                        equally, 0 = one voice; 0 with fewer than two speakers)
 * + 0.3 · interactivity  1 − exp(−speaker changes per minute / 3)
 * + 0.2 · inquiry        1 − exp(−questions per minute / 1)
 * Saturating rates keep a lively meeting near 1 without letting one very chatty meeting define the scale.
 */
export function engagement(input: EngagementInput): Engagement {
  const shares = input.shares.filter((p) => p > 0);
  const entropy = -shares.reduce((h, p) => h + p * Math.log(p), 0);
  const balance = shares.length < 2 ? 0 : Math.min(1, entropy / Math.log(shares.length));
  const minutes = input.durationMs / 60_000;
  const interactivity = minutes > 0 ? 1 - Math.exp(-input.speakerChanges / minutes / TURN_RATE_SCALE) : 0;
  const inquiry = minutes > 0 ? 1 - Math.exp(-input.questions / minutes / QUESTION_RATE_SCALE) : 0;
  const score = WEIGHTS.balance * balance + WEIGHTS.interactivity * interactivity + WEIGHTS.inquiry * inquiry;
  return { score, balance, interactivity, inquiry };
}
