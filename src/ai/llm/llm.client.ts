import { Inject, Injectable, Logger } from '@nestjs/common';
import OpenAI from 'openai';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { NonRetriableError } from '#src/resilience/resilience.errors.js';
import { TokenUsageRepository } from '../token-usage.repository.js';
import { schemaProblems, type JsonSchema } from './json-schema.js';
import { LlmInvalidOutputError, LlmUnavailableError } from './llm.errors.js';

export const LLM_BREAKER = 'llm';

export interface StructuredRequest {
  schemaName: string;
  schema: JsonSchema;
  system: string;
  user: string;
}

export interface LlmCallContext {
  workspaceId: string;
  sessionId?: string;
  /** What the tokens were spent on (refinement, tasks, summary, topics). */
  purpose: string;
}

export interface LlmResult<T> {
  value: T;
  model: string;
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
}

/** 4xx other than timeouts, conflicts and rate limits will not get better by retrying. */
const permanent = (status: number | undefined) =>
  status !== undefined && status >= 400 && status < 500 && ![408, 409, 429].includes(status);

/**
 * Chat completions with JSON-schema structured outputs through the official SDK. Every request
 * goes through the `llm` circuit breaker (timeout, transport retries, bulkhead); an answer that is
 * not valid JSON of the schema is asked for once more, then given up on.
 */
@Injectable()
export class LlmClient {
  private readonly logger = new Logger(LlmClient.name);
  private readonly openai?: OpenAI;
  private readonly model: string;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(
    @Inject(MINA_CONFIG) config: MinaConfig,
    private readonly breakers: CircuitBreakers,
    private readonly usage: TokenUsageRepository,
  ) {
    const settings = pipelineSettings(config);
    this.model = config.llmModel;
    this.timeoutMs = settings.llmTimeoutMs;
    this.retries = settings.llmRetries;
    breakers.configure(LLM_BREAKER, {
      timeoutMs: settings.llmTimeoutMs,
      retries: settings.llmRetries,
      maxConcurrent: settings.llmMaxConcurrent,
      maxQueue: 100_000,
    });
    if (config.openaiApiKey) {
      this.openai = new OpenAI({
        apiKey: config.openaiApiKey,
        baseURL: config.openaiBaseUrl,
        maxRetries: 0,
        timeout: settings.llmTimeoutMs,
      });
    }
  }

  get configured(): boolean {
    return this.openai !== undefined;
  }

  async structured<T>(request: StructuredRequest, context: LlmCallContext): Promise<LlmResult<T>> {
    let problems: string[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const { content, model } = await this.complete(request, context);
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        problems = ['not JSON'];
        this.logger.warn(
          `LLM answered ${request.schemaName} with text that is not JSON (attempt ${attempt})`,
        );
        continue;
      }
      problems = schemaProblems(request.schema, parsed);
      if (problems.length === 0) return { value: parsed as T, model };
      this.logger.warn(
        `LLM answer for ${request.schemaName} broke its schema (attempt ${attempt}): ${problems[0]}`,
      );
    }
    throw new LlmInvalidOutputError(request.schemaName, problems);
  }

  /**
   * A streaming chat completion: `onDelta` gets each piece of text as it arrives. The breaker's
   * transport retries only happen before the first piece (a retry after it would repeat text);
   * `signal` aborts the request (e.g. the HTTP client went away).
   */
  async streamText(
    request: TextRequest,
    context: LlmCallContext,
    onDelta: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<TextResult> {
    const openai = this.openai;
    if (!openai) throw new LlmUnavailableError('No LLM is configured (OPENAI_API_KEY is unset)');
    let text = '';
    let model = this.model;
    let usage: OpenAI.CompletionUsage | undefined;
    try {
      await this.breakers.run(
        LLM_BREAKER,
        async (breakerSignal) => {
          // breakerSignal aborts on the breaker's timeout and on the caller's `signal`.
          try {
            const stream = await openai.chat.completions.create(
              {
                model: this.model,
                temperature: 0.2,
                max_completion_tokens: request.maxTokens,
                stream: true,
                stream_options: { include_usage: true },
                messages: [{ role: 'system', content: request.system }, ...request.messages],
              },
              { signal: breakerSignal },
            );
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
            if (text !== '' || signal?.aborted) throw new NonRetriableError((error as Error).message, error);
            if (error instanceof OpenAI.APIError && permanent(error.status as number | undefined))
              throw new NonRetriableError(error.message, error);
            throw error;
          }
        },
        { timeoutMs: this.timeoutMs, retries: this.retries, signal },
      );
    } catch (error) {
      throw new LlmUnavailableError(`LLM text completion failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await this.recordUsage(context, model, usage);
    return { text, model };
  }

  private async recordUsage(
    context: LlmCallContext,
    model: string,
    usage: OpenAI.CompletionUsage | undefined | null,
  ): Promise<void> {
    if (!usage) return;
    await this.usage
      .record({
        workspaceId: context.workspaceId,
        sessionId: context.sessionId,
        purpose: context.purpose,
        model,
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
        totalTokens: usage.total_tokens,
      })
      .catch((error: Error) => this.logger.warn(`Could not record token usage: ${error.message}`));
  }

  private async complete(
    request: StructuredRequest,
    context: LlmCallContext,
  ): Promise<{ content: string; model: string }> {
    const openai = this.openai;
    if (!openai) throw new LlmUnavailableError('No LLM is configured (OPENAI_API_KEY is unset)');
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.breakers.run(
        LLM_BREAKER,
        async (signal) => {
          try {
            return await openai.chat.completions.create(
              {
                model: this.model,
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
            if (error instanceof OpenAI.APIError && permanent(error.status as number | undefined))
              throw new NonRetriableError(error.message, error);
            throw error;
          }
        },
        { timeoutMs: this.timeoutMs, retries: this.retries },
      );
    } catch (error) {
      throw new LlmUnavailableError(
        `LLM request for ${request.schemaName} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    await this.recordUsage(context, completion.model || this.model, completion.usage);
    const choice = completion.choices[0];
    if (choice?.message.refusal)
      throw new LlmUnavailableError(`LLM refused ${request.schemaName}: ${choice.message.refusal}`);
    return { content: choice?.message.content ?? '', model: completion.model || this.model };
  }
}
