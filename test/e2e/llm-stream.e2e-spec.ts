import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmClient, type TextRequest } from '#src/ai/llm/llm.client.js';
import { LlmUnavailableError } from '#src/ai/llm/llm.errors.js';
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
    llm = new LlmClient(config, new CircuitBreakers(), usage as unknown as TokenUsageRepository);
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
      loadConfig({}),
      new CircuitBreakers(),
      new RecordedUsage() as unknown as TokenUsageRepository,
    );
    await expect(
      none.streamText(request, { workspaceId: 'w1', purpose: 'ask' }, () => undefined),
    ).rejects.toBeInstanceOf(LlmUnavailableError);
  });
});
