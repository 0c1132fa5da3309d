import { Injectable, Logger } from '@nestjs/common';
import OpenAI from 'openai';
import { NonRetriableError } from '#src/resilience/resilience.errors.js';
import { AiProviders, type ProviderLink } from '../providers/ai-providers.service.js';
import { TokenUsageRepository } from '../token-usage.repository.js';
import { schemaProblems, type JsonSchema } from './json-schema.js';
import {
  LlmInvalidOutputError,
  LlmRefusedError,
  LlmStreamCutError,
  LlmUnavailableError,
} from './llm.errors.js';

export interface StructuredRequest {
  schemaName: string;
  schema: JsonSchema;
  system: string;
  user: string;
}

export interface LlmCallContext {
  workspaceId: string;
  sessionId?: string;
  /** What the tokens were spent on (refinement, tasks, summary, topics…); also which providers may serve it (`roles`). */
  purpose: string;
}

export interface LlmResult<T> {
  value: T;
  model: string;
  /** The provider (MINA_LLM_PROVIDERS name) that answered. */
  provider: string;
}

/** A free-text completion: a system prompt and the conversation so far, oldest first. */
export interface TextRequest {
  system: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
  /** Upper bound on the answer's tokens. */
  maxTokens: number;
}

export interface TextResult {
  text: string;
  model: string;
  /** The provider (MINA_LLM_PROVIDERS name) that answered. */
  provider: string;
}

const statusOf = (error: unknown) => (error instanceof OpenAI.APIError ? Number(error.status) : undefined);

/** A malformed request (400, 413, 415, 422) will not get better by retrying, here or on the next provider. */
const permanent = (error: unknown) => [400, 413, 415, 422].includes(statusOf(error) ?? 0);

/**
 * A revoked key, a forbidden or unknown model (401, 403, 404) is this provider's problem: not
 * retried on it, but counted against its breaker and stats, and the next provider is tried.
 */
const retryableOnProvider = (error: unknown) => ![401, 403, 404].includes(statusOf(error) ?? 0);

/**
 * What a stream that ended without its usage chunk (cut, aborted, capped) most likely cost: about
 * four characters a token for the prompt and the text received. The token_usage table has no column
 * to mark an estimate, so such a row reads like any other.
 */
function estimatedUsage(request: TextRequest, answer: string): OpenAI.CompletionUsage {
  const promptChars = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0);
  const prompt = Math.ceil(promptChars / 4);
  const completion = Math.ceil(answer.length / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * Chat completions with JSON-schema structured outputs through the official SDK, over the LLM
 * provider chain: the providers allowed for the call's purpose are tried in order, each behind its
 * own breaker (`llm:<name>`: timeout, transport retries, bulkhead). A 5xx, 429, timeout, connection
 * error, open breaker, 401, 403 or 404 moves on to the next provider; a malformed request (400,
 * 413, 415, 422) stops the chain (callers use the local fallback). An answer that is not valid JSON
 * of the schema is asked for once more from the same provider, then from the next. A streamed text
 * completion fails over only before its first token has been handed on.
 */
@Injectable()
export class LlmClient {
  private readonly logger = new Logger(LlmClient.name);
  private readonly clients = new Map<string, OpenAI>();

  constructor(
    private readonly providers: AiProviders,
    private readonly usage: TokenUsageRepository,
  ) {
    for (const link of providers.llm) {
      const { apiKey, baseUrl } = link.config;
      // Retries and timeouts are the breaker's; a local server without a key still needs a non-empty one for the SDK.
      this.clients.set(
        link.name,
        new OpenAI({ apiKey: apiKey ?? 'not-needed', baseURL: baseUrl, maxRetries: 0 }),
      );
    }
  }

  get configured(): boolean {
    return this.providers.llm.length > 0;
  }

  async structured<T>(request: StructuredRequest, context: LlmCallContext): Promise<LlmResult<T>> {
    return this.overChain(context, `${request.schemaName}`, (link) =>
      this.structuredOn<T>(link, request, context),
    );
  }

  /**
   * A streaming chat completion over the chain: `onDelta` gets each piece of text as it arrives.
   * Failover and the breaker's transport retries only happen before the first piece (after it they
   * would repeat text); `signal` aborts the request (e.g. the HTTP client went away).
   */
  async streamText(
    request: TextRequest,
    context: LlmCallContext,
    onDelta: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<TextResult> {
    return this.overChain(context, 'text completion', (link) =>
      this.streamOn(link, request, context, onDelta, signal),
    );
  }

  /**
   * Tries `attempt` on each provider serving the purpose, in order. Throws LlmUnavailableError when
   * none answered (or one refused the request for good), LlmInvalidOutputError when the last
   * provider tried answered invalid output.
   */
  private async overChain<R>(
    context: LlmCallContext,
    what: string,
    attempt: (link: ProviderLink) => Promise<R>,
  ): Promise<R> {
    const chain = this.providers.llmFor(context.purpose);
    if (chain.length === 0) {
      throw new LlmUnavailableError(
        this.configured
          ? `No LLM provider serves "${context.purpose}" (MINA_LLM_PROVIDERS roles)`
          : 'No LLM is configured (OPENAI_API_KEY is unset)',
      );
    }
    const failures: string[] = [];
    let invalid: LlmInvalidOutputError | undefined;
    for (const link of chain) {
      try {
        return await attempt(link);
      } catch (error) {
        if (error instanceof LlmStreamCutError) throw error;
        if (error instanceof LlmRefusedError)
          throw new LlmUnavailableError(`LLM request for ${what} refused by ${link.name}: ${error.message}`, {
            cause: error,
          });
        if (!(error instanceof LlmUnavailableError || error instanceof LlmInvalidOutputError)) throw error;
        invalid = error instanceof LlmInvalidOutputError ? error : undefined;
        failures.push(`${link.name}: ${error.message}`);
        if (link !== chain.at(-1))
          this.logger.warn(`LLM provider ${link.name} failed ${what}, trying the next: ${error.message}`);
      }
    }
    if (invalid && chain.length === 1) throw invalid;
    throw new LlmUnavailableError(
      `LLM request for ${what} failed on every provider (${failures.join('; ')})`,
    );
  }

  private async structuredOn<T>(
    link: ProviderLink,
    request: StructuredRequest,
    context: LlmCallContext,
  ): Promise<LlmResult<T>> {
    let problems: string[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const { content, model } = await this.complete(link, request, context);
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        problems = ['not JSON'];
        this.logger.warn(
          `LLM ${link.name} answered ${request.schemaName} with text that is not JSON (attempt ${attempt})`,
        );
        continue;
      }
      problems = schemaProblems(request.schema, parsed);
      if (problems.length === 0) return { value: parsed as T, model, provider: link.name };
      this.logger.warn(
        `LLM ${link.name} answer for ${request.schemaName} broke its schema (attempt ${attempt}): ${problems[0]}`,
      );
    }
    throw new LlmInvalidOutputError(request.schemaName, problems);
  }

  private async streamOn(
    link: ProviderLink,
    request: TextRequest,
    context: LlmCallContext,
    onDelta: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<TextResult> {
    const openai = this.clients.get(link.name)!;
    let text = '';
    let model = link.config.model;
    let usage: OpenAI.CompletionUsage | undefined;
    try {
      await this.providers.call(
        link,
        async (breakerSignal) => {
          // breakerSignal aborts on the breaker's timeout and on the caller's `signal`.
          let answering = false;
          try {
            const stream = await openai.chat.completions.create(
              {
                model: link.config.model,
                temperature: 0.2,
                max_completion_tokens: request.maxTokens,
                stream: true,
                stream_options: { include_usage: true },
                messages: [{ role: 'system', content: request.system }, ...request.messages],
              },
              { signal: breakerSignal },
            );
            answering = true;
            for await (const chunk of stream) {
              if (chunk.model) model = chunk.model;
              if (chunk.usage) usage = chunk.usage;
              const delta = chunk.choices[0]?.delta.content;
              if (delta) {
                text += delta;
                onDelta(delta);
              }
            }
            // The SDK ends an aborted stream quietly: an answer cut short must not pass for a whole one.
            breakerSignal.throwIfAborted();
          } catch (error) {
            if (text !== '' || signal?.aborted)
              throw new NonRetriableError(this.providers.describe(link, error), error);
            if (permanent(error)) throw new NonRetriableError(this.providers.describe(link, error), error);
            throw error;
          } finally {
            // Usage only comes in the last chunk: a stream cut, aborted or capped before it is estimated.
            if (answering && !usage)
              await this.recordUsage(link, context, model, estimatedUsage(request, text));
          }
        },
        // A timeout rejects the call without passing through the catch above: once text went out, no retry.
        { signal, retryable: (error) => text === '' && retryableOnProvider(error) },
      );
    } catch (error) {
      const message = this.providers.describe(link, error);
      // Text already handed on, or the caller gone: another provider would start the answer over.
      if (text !== '' || signal?.aborted)
        throw new LlmStreamCutError(link.name, `LLM text completion from ${link.name} stopped: ${message}`, {
          cause: error,
        });
      if (error instanceof NonRetriableError) throw new LlmRefusedError(message, { cause: error });
      throw new LlmUnavailableError(`LLM text completion failed: ${message}`, { cause: error });
    }
    await this.recordUsage(link, context, model, usage);
    return { text, model, provider: link.name };
  }

  private async recordUsage(
    link: ProviderLink,
    context: LlmCallContext,
    model: string,
    usage: OpenAI.CompletionUsage | undefined | null,
  ): Promise<void> {
    if (!usage) return;
    link.stats.tokens(usage.prompt_tokens, usage.completion_tokens);
    await this.usage
      .record({
        workspaceId: context.workspaceId,
        sessionId: context.sessionId,
        purpose: context.purpose,
        model,
        provider: link.name,
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
        totalTokens: usage.total_tokens,
      })
      .catch((error: Error) => this.logger.warn(`Could not record token usage: ${error.message}`));
  }

  private async complete(
    link: ProviderLink,
    request: StructuredRequest,
    context: LlmCallContext,
  ): Promise<{ content: string; model: string }> {
    const openai = this.clients.get(link.name)!;
    const model = link.config.model;
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.providers.call(
        link,
        async (signal) => {
          try {
            return await openai.chat.completions.create(
              {
                model,
                temperature: 0.2,
                messages: [
                  { role: 'system', content: request.system },
                  { role: 'user', content: request.user },
                ],
                response_format: {
                  type: 'json_schema',
                  json_schema: { name: request.schemaName, schema: request.schema, strict: true },
                },
              },
              { signal },
            );
          } catch (error) {
            if (permanent(error)) throw new NonRetriableError(this.providers.describe(link, error), error);
            throw error;
          }
        },
        { retryable: retryableOnProvider },
      );
    } catch (error) {
      const message = this.providers.describe(link, error);
      if (error instanceof NonRetriableError) throw new LlmRefusedError(message, { cause: error });
      throw new LlmUnavailableError(`LLM request for ${request.schemaName} failed: ${message}`, {
        cause: error,
      });
    }
    const answeredBy = completion.model || model;
    await this.recordUsage(link, context, answeredBy, completion.usage);
    const choice = completion.choices[0];
    if (choice?.message.refusal)
      throw new LlmUnavailableError(
        `LLM ${link.name} refused ${request.schemaName}: ${choice.message.refusal}`,
      );
    return { content: choice?.message.content ?? '', model: answeredBy };
  }
}
