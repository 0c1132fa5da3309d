/*
 * AI provider chains (MINA_LLM_PROVIDERS, MINA_ASR_PROVIDERS): ordered OpenAI-compatible
 * endpoints, each behind its own circuit breaker; the local fallback is the last link of the LLM chain.
 */

export const AI_PROVIDER_KINDS = ['llm', 'asr'] as const;
export type AiProviderKind = (typeof AI_PROVIDER_KINDS)[number];

export type ProviderBreakerState = 'closed' | 'open' | 'half_open';

/** GET /api/admin/ai/providers: one row per configured provider, in chain order. */
export interface AiProviderView {
  /** `<kind>:<name>`. */
  id: string;
  kind: AiProviderKind;
  name: string;
  position: number;
  baseUrl: string | null;
  model: string;
  /** Purposes this provider may serve (e.g. refinement, summary, ask); empty = all. */
  roles: string[];
  state: ProviderBreakerState;
  requests: number;
  failures: number;
  /** Failures / requests over the recent window (0–1). */
  errorRate: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  promptTokens: number;
  completionTokens: number;
}
