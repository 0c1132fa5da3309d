import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '#src/ai/llm/json-schema.js';
import { LlmClient, type TextRequest } from '#src/ai/llm/llm.client.js';
import { LlmStreamCutError, LlmUnavailableError } from '#src/ai/llm/llm.errors.js';
import { AiProviders } from '#src/ai/providers/ai-providers.service.js';
import type { TokenUsageRepository } from '#src/ai/token-usage.repository.js';
import { loadConfig, type MinaConfig } from '#src/config/config.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';

/** What the client recorded, instead of a database: the usage repository is the only collaborator replaced. */
class RecordedUsage {
  rows: Parameters<TokenUsageRepository['record']>[0][] = [];
  record(row: Parameters<TokenUsageRepository['record']>[0]): Promise<void> {
    this.rows.push(row);
    return Promise.resolve();
  }
}

const request: TextRequest = {
  system: 'Answer from the passages only.',
  messages: [{ role: 'user', content: 'what did we decide about the battery' }],
  maxTokens: 200,
};

describe('LlmClient.streamText against the fake OpenAI server (real SDK, real HTTP, real breaker)', () => {
  let fake: FakeOpenAI;
  let usage: RecordedUsage;
  let llm: LlmClient;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  afterEach(() => fake.clearFaults());

  const client = (overrides: Partial<MinaConfig> = {}) => {
    usage = new RecordedUsage();
    const config = { ...loadConfig({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL }), ...overrides };
    llm = new LlmClient(
      new AiProviders(config, new CircuitBreakers()),
      usage as unknown as TokenUsageRepository,
    );
    return llm;
  };

  it('hands each delta over as it arrives and records the usage for the purpose', async () => {
    const deltas: string[] = [];
    const result = await client().streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) =>
      deltas.push(d),
    );
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(result.text);
    expect(result.text).toBe('Fake reply to: what did we decide about the battery');
    expect(usage.rows).toEqual([
      expect.objectContaining({ workspaceId: 'w1', purpose: 'ask', totalTokens: expect.any(Number) }),
    ]);
    expect(fake.requests.at(-1)).toMatchObject({ route: 'chat', status: 200 });
  });

  it('retries a failure before the first token, never after one (no text said twice)', async () => {
    fake.setFault({ kind: 'server-error', route: 'chat', times: 1 });
    const before = fake.requests.length;
    const deltas: string[] = [];
    const result = await client().streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) =>
      deltas.push(d),
    );
    expect(fake.requests.length - before).toBe(2);
    expect(deltas.join('')).toBe(result.text);

    fake.setFault({ kind: 'stream-cut', route: 'chat', times: 1 });
    const cut: string[] = [];
    const started = fake.requests.length;
    const error = await client()
      .streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) => cut.push(d))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(fake.requests.length - started).toBe(1);
    expect(cut.join('').length).toBeGreaterThan(0);
    expect(result.text.startsWith(cut.join(''))).toBe(true);
  });

  it('does not restart a stream the breaker timed out mid-answer: no text said twice, one request', async () => {
    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 250 });
    const before = fake.requests.length;
    const deltas: string[] = [];
    const error = await client({ pipeline: { llmTimeoutMs: 1500 } })
      .streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) => deltas.push(d))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmStreamCutError);
    expect(fake.requests.length - before).toBe(1);
    const said = deltas.join('');
    expect(said.length).toBeGreaterThan(0);
    expect('Fake reply to: what did we decide about the battery'.startsWith(said)).toBe(true);
  });

  it('records an estimate of the tokens of a stream cut or aborted before its usage chunk', async () => {
    // Prompt: 30 + 36 characters → 17 tokens; the answer's characters / 4, rounded up.
    const estimate = (text: string) => {
      const completion = Math.ceil(text.length / 4);
      return { promptTokens: 17, completionTokens: completion, totalTokens: 17 + completion };
    };
    fake.setFault({ kind: 'stream-cut', route: 'chat', times: 1 });
    const cut: string[] = [];
    await expect(
      client().streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) => cut.push(d)),
    ).rejects.toBeInstanceOf(LlmStreamCutError);
    expect(cut.length).toBeGreaterThan(0);
    expect(usage.rows).toEqual([
      {
        workspaceId: 'w1',
        purpose: 'ask',
        provider: 'default',
        model: 'gpt-4.1-mini',
        ...estimate(cut.join('')),
      },
    ]);

    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 100, times: 1 });
    const controller = new AbortController();
    const aborted: string[] = [];
    await expect(
      client().streamText(
        request,
        { workspaceId: 'w1', sessionId: 's1', purpose: 'summary' },
        (d) => {
          aborted.push(d);
          if (aborted.length === 2) controller.abort();
        },
        controller.signal,
      ),
    ).rejects.toBeInstanceOf(LlmStreamCutError);
    expect(usage.rows).toEqual([
      expect.objectContaining({
        workspaceId: 'w1',
        sessionId: 's1',
        purpose: 'summary',
        provider: 'default',
        ...estimate(aborted.join('')),
      }),
    ]);
  });

  it('stops when the caller aborts, and says the LLM is unavailable when none is configured', async () => {
    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 200, times: 1 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = client().streamText(
      request,
      { workspaceId: 'w1', purpose: 'ask' },
      (d) => {
        deltas.push(d);
        controller.abort();
      },
      controller.signal,
    );
    await expect(pending).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(deltas.length).toBeLessThanOrEqual(2);

    const none = new LlmClient(
      new AiProviders(loadConfig({}), new CircuitBreakers()),
      new RecordedUsage() as unknown as TokenUsageRepository,
    );
    await expect(
      none.streamText(request, { workspaceId: 'w1', purpose: 'ask' }, () => undefined),
    ).rejects.toBeInstanceOf(LlmUnavailableError);
  });

  describe('over a provider chain (MINA_LLM_PROVIDERS)', () => {
    let second: FakeOpenAI;
    beforeAll(async () => {
      second = await startFakeOpenAI();
    });
    afterAll(() => second.close());
    afterEach(() => second.clearFaults());

    let providers: AiProviders;
    const chained = () => {
      usage = new RecordedUsage();
      const chain = [
        { name: 'first', baseUrl: fake.baseURL, apiKey: 'sk-first', model: 'gpt-4.1-mini' },
        { name: 'second', baseUrl: second.baseURL, apiKey: 'sk-second', model: 'gpt-4.1-mini' },
      ];
      const config = loadConfig({ MINA_LLM_PROVIDERS: JSON.stringify(chain) });
      providers = new AiProviders(config, new CircuitBreakers());
      return new LlmClient(providers, usage as unknown as TokenUsageRepository);
    };

    it('moves to the next provider when the first fails before its first token, and records who answered', async () => {
      fake.setFault({ kind: 'unavailable', route: 'chat' });
      const deltas: string[] = [];
      const result = await chained().streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) =>
        deltas.push(d),
      );
      expect(result).toMatchObject({
        provider: 'second',
        text: 'Fake reply to: what did we decide about the battery',
      });
      expect(deltas.join('')).toBe(result.text);
      expect(usage.rows).toEqual([expect.objectContaining({ purpose: 'ask', provider: 'second' })]);
    });

    it('moves on when the first provider refuses the key (401): counted against it, not retried on it', async () => {
      fake.setFault({ kind: 'unauthorized', route: 'chat' });
      const before = fake.requests.length;
      const llm = chained();
      const result = await llm.streamText(request, { workspaceId: 'w1', purpose: 'ask' }, () => undefined);
      expect(result).toMatchObject({
        provider: 'second',
        text: 'Fake reply to: what did we decide about the battery',
      });
      expect(fake.requests.slice(before)).toEqual([expect.objectContaining({ route: 'chat', status: 401 })]);
      const first = providers.views().find((v) => v.name === 'first');
      expect(first).toMatchObject({ requests: 1, failures: 1 });
      expect(first?.lastError).toMatch(/401/);

      const schema: JsonSchema = {
        type: 'object',
        properties: { ok: { type: 'boolean' } },
        required: ['ok'],
        additionalProperties: false,
      };
      const structured = await llm.structured(
        { schemaName: 'probe', schema, system: 'Answer in JSON.', user: 'ok?' },
        { workspaceId: 'w1', purpose: 'summary' },
      );
      expect(structured.provider).toBe('second');
      expect(fake.requests.length - before).toBe(2);
    });

    it('never moves on once text was streamed: the answer would start over', async () => {
      fake.setFault({ kind: 'stream-cut', route: 'chat', times: 1 });
      const before = second.requests.length;
      const deltas: string[] = [];
      const error = await chained()
        .streamText(request, { workspaceId: 'w1', purpose: 'ask' }, (d) => deltas.push(d))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmUnavailableError);
      expect((error as Error).message).toMatch(/from first stopped/);
      expect(deltas.join('').length).toBeGreaterThan(0);
      expect(second.requests.length).toBe(before);
    });
  });
});
