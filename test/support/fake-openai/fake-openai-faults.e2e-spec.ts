import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './fake-openai-server.js';
import type { FakeOpenAI } from './fake-openai-server.js';
import { validate } from './json-schema.js';
import type { JsonSchema } from './json-schema.js';
import { encodeWav } from './wav.js';

const summarySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['overview', 'keyPoints', 'tasks', 'sentiment'],
  properties: {
    overview: { type: 'string' },
    keyPoints: { type: 'array', items: { type: 'string' } },
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'owner', 'priority', 'due'],
        properties: {
          title: { type: 'string' },
          owner: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          priority: { type: 'string', enum: ['low', 'medium', 'high'] },
          due: { type: ['string', 'null'], format: 'date' },
        },
      },
    },
    sentiment: { type: 'number', minimum: -1, maximum: 1 },
  },
};

describe('fake OpenAI chat and faults (real SDK, real HTTP)', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  const summarize = (options?: OpenAI.RequestOptions) =>
    client.chat.completions.create(
      {
        model: 'gpt-4.1-mini',
        messages: [
          { role: 'system', content: 'Summarize the meeting.' },
          { role: 'user', content: 'Laura: this is the kick-off meeting for our project.' },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'meeting_summary', schema: { ...summarySchema }, strict: true },
        },
      },
      options,
    );
  const content = async (options?: OpenAI.RequestOptions) =>
    JSON.parse((await summarize(options)).choices[0].message.content!) as unknown;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
  });
  afterEach(() => fake.clearFaults());
  afterAll(() => fake.close());

  it('answers a json_schema request with schema-valid JSON and realistic usage', async () => {
    const res = await summarize();
    const body = JSON.parse(res.choices[0].message.content!) as { tasks: unknown[] };
    expect(validate(summarySchema, body)).toEqual([]);
    expect(body.tasks).toHaveLength(1);
    expect(res.usage!.prompt_tokens).toBeGreaterThan(10);
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
    expect(fake.requests.at(-1)).toMatchObject({ route: 'chat', schemaName: 'meeting_summary', status: 200 });
  });

  it('answers from a registered handler, and refuses a handler that breaks the schema', async () => {
    const answer = { overview: 'Kick-off', keyPoints: ['remote control'], tasks: [], sentiment: 0.4 };
    fake.onChat('meeting_summary', (req) => (req.messages.length === 2 ? answer : undefined));
    expect(await content()).toEqual(answer);
    fake.onChat('meeting_summary', () => ({ overview: 1 }));
    await expect(summarize()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    fake.onChat('meeting_summary', () => undefined);
  });

  it('refuses a strict schema the real API would refuse, and answers plain chat with text', async () => {
    const loose = { type: 'object', properties: { a: { type: 'string' } } };
    await expect(
      client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'loose', schema: loose, strict: true } },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_json_schema' });
    const plain = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(plain.choices[0].message.content).toContain('hi');
  });

  it('streams a chat completion as the API does: word deltas, a usage chunk, then the end', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'tell me about the remote control' }],
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('Fake reply to: tell me about the remote control');
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('stream-cut ends a streamed completion mid-answer with a connection error', async () => {
    fake.setFault({ kind: 'stream-cut', route: 'chat', times: 1 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
    });
    const deltas: string[] = [];
    const read = (async () => {
      for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    })();
    await expect(read).rejects.toThrow();
    expect(deltas.join('').length).toBeGreaterThan(0);
    expect(deltas.join('')).not.toContain('eight');
  });

  it('429 with Retry-After → RateLimitError, for the next N requests only', async () => {
    fake.setFault({ kind: 'rate-limit', route: 'chat', times: 2, retryAfterSeconds: 2 });
    for (let i = 0; i < 2; i++) {
      const err = (await summarize().catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect(err.status).toBe(429);
      expect(err.headers.get('retry-after')).toBe('2');
      expect(err.code).toBe('rate_limit_exceeded');
    }
    await expect(summarize()).resolves.toBeDefined();
  });

  it('500 and 503 → InternalServerError', async () => {
    fake.setFault({ kind: 'server-error', times: 1 });
    await expect(summarize()).rejects.toMatchObject({ constructor: OpenAI.InternalServerError, status: 500 });
    fake.setFault({ kind: 'unavailable', times: 1 });
    await expect(summarize()).rejects.toMatchObject({ constructor: OpenAI.InternalServerError, status: 503 });
  });

  it('a hang → APIConnectionTimeoutError under a short timeout', async () => {
    fake.setFault({ kind: 'hang', route: 'chat', times: 1 });
    const started = Date.now();
    await expect(summarize({ timeout: 300 })).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('garbage → SyntaxError; reset → APIConnectionError; truncate → a bare TypeError', async () => {
    fake.setFault({ kind: 'garbage', times: 1 });
    await expect(summarize()).rejects.toBeInstanceOf(SyntaxError);
    fake.setFault({ kind: 'reset', times: 1 });
    await expect(summarize()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    fake.setFault({ kind: 'truncate', times: 1 });
    // The SDK does not wrap a body that dies mid-read: undici's TypeError('terminated') comes through.
    await expect(summarize()).rejects.toThrow(new TypeError('terminated'));
    await expect(summarize()).resolves.toBeDefined();
  });

  it('schema-invalid → valid JSON that breaks the schema', async () => {
    fake.setFault({ kind: 'schema-invalid', times: 1 });
    const body = await content();
    expect(validate(summarySchema, body)).toEqual(['$: missing required "overview"']);
    expect(validate(summarySchema, await content())).toEqual([]);
  });

  it('latency and faults are scoped by route and by duration', async () => {
    fake.setFault({ kind: 'latency', latencyMs: 250, route: 'chat', times: 1 });
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: 60_000 });
    let started = Date.now();
    await summarize();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    started = Date.now();
    await summarize();
    expect(Date.now() - started).toBeLessThan(240);
    const file = await toFile(encodeWav({ sampleRate: 16_000, samples: new Int16Array(1_600) }), 'a.wav');
    await expect(
      client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe' }),
    ).rejects.toMatchObject({ status: 500 });
    fake.setFault({ kind: 'unavailable', forMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    await expect(summarize()).resolves.toBeDefined();
  });

  it('close() ends hung requests so nothing outlives the test', async () => {
    const other = await startFakeOpenAI();
    other.setFault({ kind: 'hang' });
    const hung = new OpenAI({
      apiKey: 'test',
      baseURL: other.baseURL,
      maxRetries: 0,
    }).chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await new Promise((r) => setTimeout(r, 100));
    await other.close();
    await expect(hung).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(other.requests[0]).toMatchObject({ fault: 'hang' });
    expect(other.requests[0]?.status).toBeUndefined();
  });
});
