import type { Logger } from '@nestjs/common';
import { LlmInvalidOutputError, LlmUnavailableError } from './llm/llm.errors.js';
import type { LlmClient, LlmResult } from './llm/llm.client.js';

/** What an insight step produced and whether the local fallback stood in for the LLM. */
export interface AiOutcome<T> {
  value: T;
  fallbackUsed: boolean;
  model: string | null;
  /** The LLM provider (chain name) that produced it; several joined with ", " when parts failed over; null = the local fallback or no LLM call. */
  provider: string | null;
  /** Why the fallback ran. */
  reason?: string;
}

/**
 * Runs the LLM path; when the LLM is unconfigured, failing, behind an open breaker or answers
 * invalid JSON twice, runs the local fallback instead. Anything else (a bug, the database) is thrown
 * so the job is retried.
 */
export async function llmOrFallback<T>(
  llm: LlmClient,
  logger: Logger,
  what: string,
  viaLlm: () => Promise<{ value: T; model: string; provider: string }>,
  fallback: () => T,
): Promise<AiOutcome<T>> {
  if (!llm.configured)
    return {
      value: fallback(),
      fallbackUsed: true,
      model: null,
      provider: null,
      reason: 'no LLM configured',
    };
  try {
    const { value, model, provider } = await viaLlm();
    return { value, fallbackUsed: false, model, provider };
  } catch (error) {
    if (!(error instanceof LlmUnavailableError || error instanceof LlmInvalidOutputError)) throw error;
    logger.warn(`${what}: using the local fallback (${error.message})`);
    return { value: fallback(), fallbackUsed: true, model: null, provider: null, reason: error.message };
  }
}

/** The providers that answered the requests of one step (its chunks), in order of first use. */
export function providersOf(answers: readonly Pick<LlmResult<unknown>, 'provider'>[]): string {
  return [...new Set(answers.map((a) => a.provider))].join(', ');
}
