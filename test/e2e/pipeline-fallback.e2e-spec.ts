import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '#src/ai/fallback/clean-text.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { chatCounts, linesOf, scriptedClean, scriptLlm } from './pipeline.fake-llm.js';
import { createSession, createStack, insertSegments, meetingTurns, register, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

const SCHEMAS = ['transcript_refinement', 'action_items', 'meeting_summary', 'meeting_topics'];
const delta = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(SCHEMAS.map((s) => [s, (after[s] ?? 0) - (before[s] ?? 0)]));

describe('pipeline with a failing or missing LLM: local fallback, marked as such', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let mina: PipelineApp;
  let laura: Member;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    stack = await createStack();
    mina = await stack.start({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL }, pipeline: { llmRetries: 1 } });
    laura = await register(mina.http, 'Laura Smith');
    scriptLlm(fake, { assignee: 'Laura' });
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  async function run(file: string, turns: number): Promise<Awaited<ReturnType<typeof waitForStatus>>> {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns(file, turns));
    await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
    return waitForStatus(mina.http, laura, sessionId, 'completed');
  }

  it('asks again once when the answer breaks its schema, and uses the second answer', async () => {
    // The first request of the run (refinement) gets valid JSON that breaks the schema.
    fake.setFault({ kind: 'schema-invalid', route: 'chat', times: 1 });
    const before = chatCounts(fake);
    const insights = await run('ES2005a.json', 30);
    expect(delta(chatCounts(fake), before)).toEqual({ transcript_refinement: 2, action_items: 1, meeting_summary: 1, meeting_topics: 1 });
    expect(insights.fallbackUsed).toBe(false);
    expect(insights.summary).toMatchObject({ fallbackUsed: false, model: 'gpt-4.1-mini' });
  });

  it('keeps a line’s own text where the model’s refinement of it is no clean-up (another text, emptied)', async () => {
    const garbage: Record<number, string> = { 0: 'text', 1: '', 3: 'The budget is twelve euros per unit and the deadline is Friday.' };
    fake.onChat('transcript_refinement', (req) => ({ lines: linesOf(req).map((l) => ({ line: l.line, text: garbage[l.line] ?? scriptedClean(l.text) })) }));
    try {
      const insights = await run('ES2005a.json', 30);
      expect(insights.stages.refinement).toMatchObject({ status: 'ready', fallbackUsed: false });
      const [first, second, , fourth] = insights.transcript;
      expect(first.refinedText).toBe(cleanText(first.text));
      expect(first.refinedText).toContain('fifty million Euros');
      expect(second.refinedText).toBe(cleanText(second.text));
      expect(fourth.refinedText).toBe(cleanText(fourth.text));
      // Every other line is the model's clean-up, but where the scripted model mangles a lone "Mm-hmm ." into "-hmm.".
      const others = insights.transcript.filter((_s, i) => !(i in garbage));
      const answers = others.map((s) => scriptedClean(s.text.replace(/\s+/g, ' ').trim()));
      const mangled = (answer: string) => /^-\w+\.$/.test(answer);
      expect(answers.filter(mangled).length).toBeGreaterThan(0);
      expect(others.map((s) => s.refinedText)).toEqual(answers.map((a, i) => (mangled(a) ? cleanText(others[i].text) : a)));
    } finally {
      scriptLlm(fake, { assignee: 'Laura' });
    }
  });

  it('falls back when the LLM answers invalid JSON twice', async () => {
    for (const schema of SCHEMAS) fake.onChat(schema, () => 'Sure! Here is the JSON you asked for: {"lines": [');
    try {
      const before = chatCounts(fake);
      const insights = await run('ES2002a.json', 80);
      expect(delta(chatCounts(fake), before)).toEqual(Object.fromEntries(SCHEMAS.map((s) => [s, 2])));
      expect(insights.fallbackUsed).toBe(true);
      expect(Object.values(insights.stages).map((s) => [s.status, s.fallbackUsed])).toEqual(Array(4).fill(['ready', true]));
      expect(insights.summary).toMatchObject({ fallbackUsed: true, model: null });
      expect(insights.summary!.overview.length).toBeGreaterThan(40);
      expect(insights.transcript.every((s) => s.refinedText !== null && !s.refinedText.includes('{vocalsound}'))).toBe(true);
      expect(insights.analytics!.details).toMatchObject({ fallbackUsed: true });
      expect(insights.analytics!.topics.length).toBeGreaterThan(0);
    } finally {
      scriptLlm(fake, { assignee: 'Laura' });
    }
  });

  it('falls back when the LLM is down (503s open the breaker), and tasks still come from the rules', async () => {
    fake.setFault({ kind: 'unavailable', route: 'chat' });
    try {
      const insights = await run('ES2002a.json', 300);
      expect(insights.fallbackUsed).toBe(true);
      expect(Object.values(insights.stages).every((s) => s.status === 'ready' && s.fallbackUsed)).toBe(true);
      expect(insights.summary).toMatchObject({ fallbackUsed: true });
      expect(insights.summary!.keyPoints.length).toBeGreaterThan(0);
      expect(insights.tasks.length).toBeGreaterThan(0);
      expect(insights.tasks.every((t) => t.extracted && t.evidence && t.sourceStartMs !== null)).toBe(true);
      expect(fake.requests.filter((r) => r.route === 'chat' && r.status === 503).length).toBeGreaterThan(0);
    } finally {
      fake.clearFaults();
    }
  });

  it('uses the fallback without any request when no LLM is configured', async () => {
    const offline = await stack.start({ role: 'all', env: {}, pipeline: {} });
    await mina.close(); // only the unconfigured process works the queue now
    const before = fake.requests.length;
    const sessionId = await createSession(offline.http, laura);
    await insertSegments(offline.app, sessionId, meetingTurns('TS3005a.json', 80));
    await offline.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
    const insights = await waitForStatus(offline.http, laura, sessionId, 'completed');
    expect(insights.fallbackUsed).toBe(true);
    expect(insights.summary).toMatchObject({ fallbackUsed: true, model: null });
    expect(fake.requests.length).toBe(before);
  });
});
