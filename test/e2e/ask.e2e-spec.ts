import { EntityManager } from '@mikro-orm/core';
import { ContentRetentionRepository } from '#src/retention/content-retention.repository.js';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASK_STREAM_EVENTS,
  type AskAnswer,
  type AskConversationView,
  type AskTurnView,
  type Citation,
} from '@mina/contract/ask';
import { ASK_CHAT, ASK_NO_ANSWER, answerFromPassages } from '../support/fake-openai/ask-chat.js';
import {
  startFakeOpenAI,
  type ChatRequest,
  type FakeOpenAI,
} from '../support/fake-openai/fake-openai-server.js';
import { importMeeting, twoWorkspaces, type ImportedMeeting } from './ask.harness.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import {
  createStack,
  register,
  waitFor,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

interface Streamed {
  status: number;
  contentType: string | null;
  events: { event: string; data: unknown }[];
}

describe('POST /api/ask (PostgreSQL, Redis, fake OpenAI-compatible LLM)', () => {
  let fake: FakeOpenAI;
  let stack: Stack;
  let mina: PipelineApp;
  let url: string;
  let laura: Member;
  let bob: Member;
  let kickoff: ImportedMeeting;
  let bobs: ImportedMeeting;

  const ask = (member: Member, body: Record<string, unknown>) =>
    mina.http.post('/api/ask').set(member.auth).send(body);
  const answer = async (member: Member, body: Record<string, unknown>): Promise<AskAnswer> =>
    (await ask(member, body).expect(200)).body as AskAnswer;

  /** A real HTTP client (fetch) reading the event stream with eventsource-parser. */
  async function stream(
    member: Member,
    body: Record<string, unknown>,
    stopAfter?: (events: Streamed['events']) => boolean,
  ): Promise<Streamed> {
    const controller = new AbortController();
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { ...member.auth, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const events: Streamed['events'] = [];
    const parser = createParser({
      onEvent: (e: EventSourceMessage) =>
        events.push({ event: e.event ?? 'message', data: JSON.parse(e.data) as unknown }),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        if (stopAfter?.(events)) {
          controller.abort();
          break;
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    return { status: res.status, contentType: res.headers.get('content-type'), events };
  }

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    stack = await createStack();
    mina = await stack.start({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, MINA_ASK_RATE_PER_MINUTE: '40' },
    });
    scriptLlm(fake, { assignee: 'Laura' });
    url = `http://127.0.0.1:${(mina.app.getHttpServer() as { address(): { port: number } }).address().port}`;
    ({ laura, bob, kickoff, bobs } = await twoWorkspaces(mina.http));
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('answers from the meeting with citations that point at the real segment, its times and its words', async () => {
    // Turn 109 of ES2002a: "…we're gonna be selling this remote control for twenty five Euro…"
    const res = await answer(laura, {
      question: 'What price will the remote control be selling for, in Euro?',
    });
    expect(res).toMatchObject({ found: true, fallbackUsed: false, provider: 'default' });
    const turn = kickoff.transcript[109];
    expect(res.citations).toContainEqual({
      sessionId: kickoff.id,
      segmentId: turn.id,
      startMs: turn.startMs,
      endMs: turn.endMs,
      speaker: 'Project Manager',
      quote: turn.text,
    });
    expect(res.answer).toMatch(/twenty five Euro/i);
    // Every sentence cites, and every marker names an entry of `citations`.
    const sentences = res.answer.split(/(?<=\])\s+/);
    expect(sentences.every((s) => /\[\d+\]$/.test(s))).toBe(true);
    const markers = [...res.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(res.citations.map((_, i) => i + 1)));
    // Each quote is a real segment of the session, verbatim.
    for (const c of res.citations)
      expect(kickoff.transcript.find((s) => s.id === c.segmentId)).toMatchObject({
        startMs: c.startMs,
        endMs: c.endMs,
        text: c.quote,
      });
    // The model was given the passages retrieval ranks for the same question, and the tokens were charged to the workspace.
    const rows = (await mina.app
      .get(EntityManager)
      .fork()
      .getConnection()
      .execute(`select "workspace_id", "total_tokens" from "token_usage" where "purpose" = 'ask'`)) as {
      workspace_id: string;
      total_tokens: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.workspace_id === laura.workspaceId && r.total_tokens > 0)).toBe(true);
  });

  it('charges an answer cut before its usage chunk to the workspace too (an estimate)', async () => {
    const askRows = async () =>
      (await mina.app
        .get(EntityManager)
        .fork()
        .getConnection()
        .execute(`select "total_tokens" from "token_usage" where "purpose" = 'ask' and "workspace_id" = ?`, [
          laura.workspaceId,
        ])) as { total_tokens: number }[];
    const before = (await askRows()).length;
    fake.setFault({ kind: 'stream-cut', route: 'chat', times: 1 });
    try {
      await answer(laura, { question: 'What price will the remote control be selling for, in Euro?' });
    } finally {
      fake.clearFaults('chat');
    }
    const rows = await askRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.every((r) => r.total_tokens > 0)).toBe(true);
  });

  it('refuses to answer from nothing: no relevant passage → found:false, no citations, no LLM call', async () => {
    const before = fake.requests.filter((r) => r.route === 'chat').length;
    const res = await answer(laura, { question: 'Which volcano erupted during the zeppelin race?' });
    expect(res).toMatchObject({
      found: false,
      citations: [],
      provider: null,
      fallbackUsed: false,
      answer: 'Nothing in these meetings answers that question.',
    });
    expect(fake.requests.filter((r) => r.route === 'chat').length).toBe(before);
  });

  it('keeps only sentences that cite a given passage, and says so when none does', async () => {
    fake.onChat(
      ASK_CHAT,
      () =>
        'The remote costs twenty five Euro [1]. It will also fly to the moon. Batteries are included [99].',
    );
    try {
      const res = await answer(laura, { question: 'What price will the remote control be selling for?' });
      expect(res.answer).toBe('The remote costs twenty five Euro. [1]');
      expect(res.citations).toHaveLength(1);
      fake.onChat(ASK_CHAT, () => ASK_NO_ANSWER);
      const none = await answer(laura, { question: 'What price will the remote control be selling for?' });
      expect(none).toMatchObject({
        found: false,
        citations: [],
        answer: 'The passages closest to the question do not answer it.',
        provider: 'default',
      });
    } finally {
      fake.onChat(ASK_CHAT, answerFromPassages);
    }
  });

  it('streams meta, deltas, citations and done in order through a real HTTP client; done equals the JSON answer', async () => {
    const body = {
      question: 'Which animal did the marketing person choose as a favourite?',
      sessionId: kickoff.id,
    };
    const res = await stream(laura, body);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/event-stream/);
    const names = res.events.map((e) => e.event);
    expect(names[0]).toBe('meta');
    expect(names.at(-1)).toBe('done');
    expect(names.at(-2)).toBe('citations');
    expect(names.slice(1, -2).every((n) => n === 'delta')).toBe(true);
    expect(names.length).toBeGreaterThan(3);
    const order = names.map((n) => ASK_STREAM_EVENTS.indexOf(n as (typeof ASK_STREAM_EVENTS)[number]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const done = res.events.at(-1)!.data as AskAnswer;
    expect(done.conversationId).toBe((res.events[0].data as { conversationId: string }).conversationId);
    expect(
      res.events
        .filter((e) => e.event === 'delta')
        .map((e) => (e.data as { text: string }).text)
        .join(''),
    ).toBe(done.answer);
    expect((res.events.at(-2)!.data as { citations: Citation[] }).citations).toEqual(done.citations);
    expect(done.found).toBe(true);
    expect(done.answer).toMatch(/beagle/i);
    const json = await answer(laura, body);
    expect({ ...json, conversationId: undefined }).toEqual({ ...done, conversationId: undefined });
    // Errors found before the stream starts are ordinary JSON errors.
    const missing = await stream(laura, { question: 'animal', sessionId: bobs.id });
    expect(missing.status).toBe(404);
  });

  it('stops the model when the client goes away mid-answer', async () => {
    // A first sentence, then one that would take the fake 30 s to stream (200 words, 150 ms each).
    fake.onChat(
      ASK_CHAT,
      () => `The remote sells for twenty five Euro [1]. ${'and then '.repeat(100)}more [1].`,
    );
    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 150, times: 1 });
    try {
      const res = await stream(
        laura,
        { question: 'What price will the remote control be selling for?' },
        (events) => events.some((e) => e.event === 'delta'),
      );
      expect(res.events.map((e) => e.event)).toEqual(['meta', 'delta']);
      // The model's stream is closed long before it could have finished, and no turn is stored for the abandoned answer.
      await waitFor('the LLM stream to be closed', () => fake.concurrency('chat').now === 0, 10_000);
      const conversationId = (res.events[0].data as { conversationId: string }).conversationId;
      const convo = (
        await mina.http.get(`/api/ask/conversations/${conversationId}`).set(laura.auth).expect(200)
      ).body as { turns: AskTurnView[] };
      expect(convo.turns).toEqual([]);
    } finally {
      fake.clearFaults();
      fake.onChat(ASK_CHAT, answerFromPassages);
    }
  });

  it('keeps conversations per user: follow-ups see the previous turns, only the owner sees them', async () => {
    const first = await answer(laura, { question: 'What price will the remote control be selling for?' });
    let seen: ChatRequest | undefined;
    fake.onChat(ASK_CHAT, (req) => {
      seen = req;
      return answerFromPassages(req);
    });
    const follow = await answer(laura, {
      question: 'And how much profit are they aiming to make?',
      conversationId: first.conversationId,
    });
    fake.onChat(ASK_CHAT, answerFromPassages);
    expect(follow.conversationId).toBe(first.conversationId);
    const messages = seen!.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1].content).toBe('What price will the remote control be selling for?');
    expect(messages[2].content).not.toMatch(/\[\d+\]/);

    const list = await mina.http.get('/api/ask/conversations').set(laura.auth).expect(200);
    expect(list.headers['content-range']).toMatch(/^conversations 0-\d+\/\d+$/);
    expect((list.body as AskConversationView[])[0]).toMatchObject({
      id: first.conversationId,
      title: 'What price will the remote control be selling for?',
      workspaceId: laura.workspaceId,
    });
    const detail = (
      await mina.http.get(`/api/ask/conversations/${first.conversationId}`).set(laura.auth).expect(200)
    ).body as { turns: AskTurnView[] };
    expect(detail.turns.map((t) => t.question)).toEqual([
      'What price will the remote control be selling for?',
      'And how much profit are they aiming to make?',
    ]);
    expect(detail.turns[0]).toMatchObject({
      answer: first.answer,
      citations: first.citations,
      found: true,
      provider: 'default',
      fallbackUsed: false,
    });

    // Dave, a member of Laura's workspace, never sees or continues her conversation.
    const dave = await register(mina.http, 'Dave Miles');
    const { email } = (await mina.http.get('/api/me').set(dave.auth).expect(200)).body as { email: string };
    await mina.http
      .post(`/api/workspaces/${laura.workspaceId}/invitations`)
      .set(laura.auth)
      .send({ email, role: 'member' })
      .expect(201);
    const [invitation] = (await mina.http.get('/api/me/invitations').set(dave.auth).expect(200)).body as {
      id: string;
    }[];
    await mina.http.post(`/api/invitations/${invitation.id}/accept`).set(dave.auth).expect(200);
    const daveInLaura = { ...dave.auth, 'X-Workspace-Id': laura.workspaceId };
    expect((await mina.http.get('/api/ask/conversations').set(daveInLaura).expect(200)).body).toEqual([]);
    await mina.http.get(`/api/ask/conversations/${first.conversationId}`).set(daveInLaura).expect(404);
    await mina.http.delete(`/api/ask/conversations/${first.conversationId}`).set(daveInLaura).expect(404);
    await mina.http
      .post('/api/ask')
      .set(daveInLaura)
      .send({ question: 'price?', conversationId: first.conversationId })
      .expect(404);
    await mina.http.get(`/api/ask/conversations/${first.conversationId}`).set(bob.auth).expect(404);
    await mina.http.get('/api/ask/conversations/not-a-uuid').set(laura.auth).expect(404);

    await mina.http.delete(`/api/ask/conversations/${first.conversationId}`).set(laura.auth).expect(204);
    await mina.http.get(`/api/ask/conversations/${first.conversationId}`).set(laura.auth).expect(404);
  });

  it('never answers from another workspace, and meets hostile input with a 4xx, never a 500', async () => {
    const theirs = await answer(bob, {
      question: 'What price will the remote control be selling for, in Euro?',
    });
    expect(theirs.citations.every((c) => c.sessionId === bobs.id)).toBe(true);
    await ask(bob, { question: 'price', sessionId: kickoff.id }).expect(404);
    await ask(bob, { question: 'price', meetingId: kickoff.id }).expect(404);
    await mina.http
      .post('/api/ask')
      .set({ ...bob.auth, 'X-Workspace-Id': laura.workspaceId })
      .send({ question: 'price' })
      .expect(404);
    for (const body of [
      { question: '' },
      { question: 'x'.repeat(2001) },
      { question: 'price', conversationId: 'nope' },
      { question: 'price', limit: 3 },
    ]) {
      const res = await ask(laura, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { code: string }).code).toBe('VALIDATION_FAILED');
    }
    const hostile = fc.record(
      {
        question: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom("'; drop table ask_turn; --", '[1][2] [999]', '\u0000', 'a:* & !b'),
        ),
        sessionId: fc.option(fc.oneof(fc.uuid(), fc.string()), { nil: undefined }),
        speaker: fc.option(fc.string({ maxLength: 120 }), { nil: undefined }),
      },
      { requiredKeys: ['question'] },
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (body) => {
        const res = await ask(bob, body);
        expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        if (res.status === 200)
          expect((res.body as AskAnswer).citations.every((c) => c.sessionId === bobs.id)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('rate-limits each user with 429 RATE_LIMITED and Retry-After', async () => {
    const carol = await register(mina.http, 'Carol King');
    const statuses: number[] = [];
    let limited: { headers: Record<string, string>; body: unknown } | undefined;
    for (let i = 0; i < 41; i++) {
      const res = await mina.http.post('/api/ask/retrieve').set(carol.auth).send({ question: 'remote' });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    expect((limited!.body as { code: string }).code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Another user's budget is untouched.
    await mina.http.post('/api/ask/retrieve').set(bob.auth).send({ question: 'remote' }).expect(200);
  });

  it('forgets what retention deleted: its passages are no longer retrieved, and the turns that quoted it are gone', async () => {
    const old = await importMeeting(mina.http, laura, 'ES2002b.json', 'Old meeting', 80);
    const question = { question: 'What did they say about the remote control?', sessionId: old.id };
    const before = await answer(laura, question);
    expect(before.found).toBe(true);
    const other = await answer(laura, {
      question: 'What price will the remote control be selling for, in Euro?',
      sessionId: kickoff.id,
    });
    const tombstone = {
      at: new Date().toISOString(),
      reason: 'retention' as const,
      policyDays: 30,
      tasksKept: true,
    };
    await mina.app
      .get(ContentRetentionRepository)
      .deleteContent(laura.workspaceId, [old.id], tombstone, true);

    const retrieved = await mina.http
      .post('/api/ask/retrieve')
      .set(laura.auth)
      .send({ question: 'remote control', limit: 50 })
      .expect(200);
    expect(
      (retrieved.body as { passages: { sessionId: string }[] }).passages.every((p) => p.sessionId !== old.id),
    ).toBe(true);
    expect(await answer(laura, question)).toMatchObject({ found: false, citations: [] });
    const turns = async (id: string) =>
      (
        (await mina.http.get(`/api/ask/conversations/${id}`).set(laura.auth).expect(200)).body as {
          turns: AskTurnView[];
        }
      ).turns;
    expect(await turns(before.conversationId)).toEqual([]);
    expect(await turns(other.conversationId)).toHaveLength(1);
  });

  it('keeps no quote of a meeting that retention deleted while the answer was being written', async () => {
    const doomed = await importMeeting(mina.http, laura, 'ES2002c.json', 'Doomed meeting', 80);
    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 40, times: 1 });
    try {
      const pending = answer(laura, {
        question: 'What did they say about the remote control?',
        sessionId: doomed.id,
      });
      // Retention runs while the model is still writing.
      await waitFor('the answer to be streaming', () => fake.concurrency('chat').now > 0, 10_000);
      await mina.app
        .get(ContentRetentionRepository)
        .deleteContent(
          laura.workspaceId,
          [doomed.id],
          { at: new Date().toISOString(), reason: 'retention' as const, policyDays: 30, tasksKept: true },
          true,
        );
      const done = await pending;
      const convo = (
        await mina.http.get(`/api/ask/conversations/${done.conversationId}`).set(laura.auth).expect(200)
      ).body as { turns: AskTurnView[] };
      expect(convo.turns).toHaveLength(1);
      expect(convo.turns[0]).toMatchObject({ citations: [], found: false });
      expect(convo.turns[0].answer).toMatch(/retention policy deleted a meeting this answer quoted/);
    } finally {
      fake.clearFaults();
    }
  });

  it('with the LLM down, gives the labelled extractive answer quoting the best passages', async () => {
    fake.setFault({ kind: 'server-error', route: 'chat', times: 1000 });
    try {
      const res = await answer(laura, {
        question: 'What price will the remote control be selling for, in Euro?',
      });
      expect(res).toMatchObject({ found: true, fallbackUsed: true, provider: null });
      expect(res.answer).toMatch(/^No AI model answered this \(the AI model is unavailable\)/);
      const turn = kickoff.transcript[109];
      expect(res.citations).toContainEqual(
        expect.objectContaining({ segmentId: turn.id, startMs: turn.startMs, quote: turn.text }),
      );
      expect(res.citations.length).toBeLessThanOrEqual(3);
    } finally {
      fake.clearFaults();
    }
  });
});
