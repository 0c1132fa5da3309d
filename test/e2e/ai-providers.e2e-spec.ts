import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { AiProviderView } from '@mina/contract/ai-providers';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { chatCounts, scriptLlm } from './pipeline.fake-llm.js';
import {
  adminEnv,
  createSession,
  createStack,
  insertSegments,
  loginAdmin,
  meetingTurns,
  register,
  waitForStatus,
  type InsightsBody,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

const STAGES = ['refinement', 'analytics', 'tasks', 'summary'] as const;

type Insights = Omit<InsightsBody, 'stages' | 'summary'> & {
  stages: Record<(typeof STAGES)[number], InsightsBody['stages']['summary'] & { provider: string | null }>;
  summary: (NonNullable<InsightsBody['summary']> & { provider: string | null }) | null;
};

const chain = (...providers: { name: string; fake: FakeOpenAI; roles?: string[] }[]) =>
  JSON.stringify(
    providers.map((p) => ({
      name: p.name,
      baseUrl: p.fake.baseURL,
      apiKey: `sk-${p.name}-key`,
      model: 'gpt-4.1-mini',
      ...(p.roles ? { roles: p.roles } : {}),
    })),
  );
const providersOf = (insights: Insights) =>
  Object.fromEntries(STAGES.map((s) => [s, insights.stages[s].provider]));
const schemaCounts = (fake: FakeOpenAI, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(chatCounts(fake))
      .map(([k, v]) => [k, v - (before[k] ?? 0)])
      .filter(([, v]) => (v as number) > 0),
  );

describe('AI provider chains: failover along MINA_LLM_PROVIDERS, the provider stored and shown', () => {
  let stack: Stack;
  let primary: FakeOpenAI;
  let secondary: FakeOpenAI;
  let mina: PipelineApp;
  let laura: Member;
  let admin: Record<string, string>;

  beforeAll(async () => {
    primary = await startFakeOpenAI();
    secondary = await startFakeOpenAI();
    scriptLlm(primary, { assignee: 'Laura' });
    scriptLlm(secondary, { assignee: 'Laura' });
    stack = await createStack();
    mina = await stack.start({
      env: {
        ...adminEnv,
        MINA_LLM_PROVIDERS: chain({ name: 'primary', fake: primary }, { name: 'secondary', fake: secondary }),
      },
      pipeline: { llmRetries: 0 },
    });
    laura = await register(mina.http, 'Laura Smith');
    admin = await loginAdmin(mina.http);
  });

  afterAll(async () => {
    await stack?.close();
    await primary?.close();
    await secondary?.close();
  });

  async function run(
    app: PipelineApp,
    file = 'ES2005a.json',
    turns = 30,
  ): Promise<Insights & { sessionId: string }> {
    const sessionId = await createSession(app.http, laura);
    await insertSegments(app.app, sessionId, meetingTurns(file, turns));
    await app.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
    return { ...((await waitForStatus(app.http, laura, sessionId, 'completed')) as Insights), sessionId };
  }

  async function views(app = mina): Promise<Record<string, AiProviderView>> {
    const res = await app.http.get('/api/admin/ai/providers').set(admin).expect(200);
    return Object.fromEntries((res.body as AiProviderView[]).map((v) => [v.id, v]));
  }

  async function tokenRows(sessionId: string): Promise<{ purpose: string; provider: string }[]> {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      const res = await client.query<{ purpose: string; provider: string }>(
        'select "purpose", "provider" from "token_usage" where "session_id" = $1 order by "purpose", "provider"',
        [sessionId],
      );
      return res.rows;
    } finally {
      await client.end();
    }
  }

  it('lists each provider to instance admins only, in chain order, closed and unused, without keys', async () => {
    await mina.http.get('/api/admin/ai/providers').set(laura.auth).expect(403);
    await mina.http.get('/api/admin/ai/providers').expect(401);
    const res = await mina.http.get('/api/admin/ai/providers').set(admin).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('-key');
    expect(res.body).toEqual([
      expect.objectContaining({
        id: 'llm:primary',
        kind: 'llm',
        name: 'primary',
        position: 0,
        baseUrl: primary.baseURL.replace(/\/+$/, ''),
        model: 'gpt-4.1-mini',
        roles: [],
        state: 'closed',
        requests: 0,
        failures: 0,
        errorRate: 0,
        latencyP50Ms: null,
        lastError: null,
      }),
      expect.objectContaining({ id: 'llm:secondary', position: 1, state: 'closed', requests: 0 }),
    ]);
  });

  it('uses the first provider while it answers, and says so on every stage, the summary and the token usage', async () => {
    const before = chatCounts(secondary);
    const insights = await run(mina);
    expect(insights.fallbackUsed).toBe(false);
    expect(providersOf(insights)).toEqual({
      refinement: 'primary',
      analytics: 'primary',
      tasks: 'primary',
      summary: 'primary',
    });
    expect(insights.summary).toMatchObject({
      provider: 'primary',
      fallbackUsed: false,
      model: 'gpt-4.1-mini',
    });
    expect(schemaCounts(secondary, before)).toEqual({});
    const rows = await tokenRows(insights.sessionId);
    expect(rows.map((r) => r.purpose)).toEqual(['refinement', 'summary', 'tasks', 'topics']);
    expect(rows.every((r) => r.provider === 'primary')).toBe(true);
  });

  it.each([
    ['a 429', 'rate-limit', 429],
    ['a 500', 'server-error', 500],
  ] as const)(
    'moves a request the first provider answers with %s to the second',
    async (_name, kind, status) => {
      const before = chatCounts(secondary);
      const refused = primary.requests.length;
      // The first request of the run is the refinement's.
      primary.setFault({ kind, route: 'chat', times: 1 });
      const insights = await run(mina);
      expect(
        primary.requests
          .slice(refused)
          .filter((r) => r.status === status)
          .map((r) => r.schemaName),
      ).toEqual(['transcript_refinement']);
      expect(insights.fallbackUsed).toBe(false);
      expect(providersOf(insights)).toEqual({
        refinement: 'secondary',
        analytics: 'primary',
        tasks: 'primary',
        summary: 'primary',
      });
      expect(schemaCounts(secondary, before)).toEqual({ transcript_refinement: 1 });
      const rows = await tokenRows(insights.sessionId);
      expect(rows).toContainEqual({ purpose: 'refinement', provider: 'secondary' });
      expect(rows.filter((r) => r.provider === 'primary').map((r) => r.purpose)).toEqual([
        'summary',
        'tasks',
        'topics',
      ]);
    },
  );

  it('does not ask the second provider what the first refused for good (400): the local fallback runs, labelled', async () => {
    const before = chatCounts(secondary);
    primary.setFault({ kind: 'bad-request', route: 'chat', times: 1 });
    const insights = await run(mina);
    expect(schemaCounts(secondary, before)).toEqual({});
    expect(insights.stages.refinement).toMatchObject({ status: 'ready', fallbackUsed: true, provider: null });
    expect(insights.fallbackUsed).toBe(true);
    expect(providersOf(insights)).toEqual({
      refinement: null,
      analytics: 'primary',
      tasks: 'primary',
      summary: 'primary',
    });
  });

  it('shows each provider’s requests, failures, latency, last error and tokens', async () => {
    const v = await views();
    expect(v['llm:primary']).toMatchObject({
      state: 'closed',
      failures: 3,
      lastError: expect.stringMatching(/^400 /),
    });
    expect(v['llm:primary'].requests).toBeGreaterThanOrEqual(16);
    expect(v['llm:primary'].errorRate).toBeCloseTo(3 / v['llm:primary'].requests, 5);
    expect(v['llm:primary'].latencyP50Ms).toEqual(expect.any(Number));
    expect(v['llm:primary'].latencyP95Ms!).toBeGreaterThanOrEqual(v['llm:primary'].latencyP50Ms!);
    expect(v['llm:primary'].promptTokens).toBeGreaterThan(0);
    expect(v['llm:secondary']).toMatchObject({ state: 'closed', requests: 2, failures: 0, lastError: null });
    expect(v['llm:secondary'].completionTokens).toBeGreaterThan(0);
  });

  it('fails over mid-pipeline: the first provider dies after refinement, the rest comes from the second, marked with its name', async () => {
    const before = chatCounts(secondary);
    let killed: Promise<void> | undefined;
    // The first request after refinement kills the first provider (its server closes, in-flight requests die with it).
    const kill = () => {
      killed ??= primary.close();
      return new Promise<never>(() => undefined);
    };
    for (const schema of ['action_items', 'meeting_summary', 'meeting_topics']) primary.onChat(schema, kill);
    const insights = await run(mina, 'ES2002a.json', 60);
    expect(killed).toBeDefined();
    expect(insights.fallbackUsed).toBe(false);
    expect(providersOf(insights)).toEqual({
      refinement: 'primary',
      analytics: 'secondary',
      tasks: 'secondary',
      summary: 'secondary',
    });
    expect(insights.summary).toMatchObject({ provider: 'secondary', fallbackUsed: false });
    expect(schemaCounts(secondary, before)).toEqual({
      action_items: 1,
      meeting_summary: 1,
      meeting_topics: 1,
    });
    expect(await tokenRows(insights.sessionId)).toEqual([
      { purpose: 'refinement', provider: 'primary' },
      { purpose: 'summary', provider: 'secondary' },
      { purpose: 'tasks', provider: 'secondary' },
      { purpose: 'topics', provider: 'secondary' },
    ]);
    expect((await views())['llm:primary'].lastError).toEqual(expect.any(String));
  });

  it('runs the local fallback when every provider is down, and says so (fallbackUsed, no provider)', async () => {
    await secondary.close();
    const insights = await run(mina, 'ES2002a.json', 80);
    expect(insights.fallbackUsed).toBe(true);
    expect(Object.values(insights.stages).every((s) => s.fallbackUsed)).toBe(true);
    expect(providersOf(insights)).toEqual({ refinement: null, analytics: null, tasks: null, summary: null });
    expect(insights.summary).toMatchObject({ fallbackUsed: true, provider: null, model: null });
    expect(insights.summary!.overview.length).toBeGreaterThan(40);
    expect(await tokenRows(insights.sessionId)).toEqual([]);
    const v = await views();
    for (const id of ['llm:primary', 'llm:secondary']) expect(v[id].lastError).toEqual(expect.any(String));
  });

  it('keeps a provider limited to `summary` out of refinement, tasks and topics', async () => {
    await mina.close();
    const summaries = await startFakeOpenAI();
    const general = await startFakeOpenAI();
    try {
      scriptLlm(summaries, { assignee: 'Laura' });
      scriptLlm(general, { assignee: 'Laura' });
      const limited = await stack.start({
        env: {
          ...adminEnv,
          MINA_LLM_PROVIDERS: chain(
            { name: 'summaries', fake: summaries, roles: ['summary'] },
            { name: 'general', fake: general },
          ),
        },
        pipeline: { llmRetries: 0 },
      });
      const insights = await run(limited);
      expect(providersOf(insights)).toEqual({
        refinement: 'general',
        analytics: 'general',
        tasks: 'general',
        summary: 'summaries',
      });
      expect(schemaCounts(summaries, {})).toEqual({ meeting_summary: 1 });
      expect(schemaCounts(general, {})).toEqual({
        transcript_refinement: 1,
        action_items: 1,
        meeting_topics: 1,
      });
      expect((await views(limited))['llm:summaries'].roles).toEqual(['summary']);
    } finally {
      await summaries.close();
      await general.close();
    }
  });
});
