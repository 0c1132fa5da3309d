import { beforeAll, describe, expect, it } from 'vitest';
import type { CopilotEvent, CopilotItemView } from '@mina/contract/copilot';
import type { CopilotAnswer } from '#src/copilot/copilot.prompt.js';
import type { ChatRequest } from '../support/fake-openai/fake-openai-server.js';
import { useGatewayApp, type GatewayApp } from './gateway.harness.js';
import { linesOf, SCRIPTED_DECISION, SCRIPTED_TASK, scriptLlm } from './pipeline.fake-llm.js';
import { waitForStatus, type InsightsBody } from './pipeline.harness.js';
import {
  call,
  chunks,
  createSession,
  loadFixture,
  register,
  stream,
  until,
  userSocket,
  words,
  type ClientSocket,
  type User,
} from './transcription-client.js';

/**
 * The live copilot through the real gateway: the ES2002A kick-off streamed in 250 ms chunks, the
 * fake OpenAI transcribing it with its real words and, as the copilot's model, noting the
 * sentences of the lines it is sent that mention the remote control (action items), the design
 * stages (a decision) and questions.
 */
const fixture = loadFixture();
const CHUNKS = chunks(fixture, 250);
/** 75 s: the project manager's brief and the first questions. */
const FIRST_PART = 300;

const sentences = (text: string) =>
  text
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);

function copilotAnswer(req: ChatRequest): CopilotAnswer {
  const items = linesOf(req).flatMap((l) =>
    sentences(l.text).flatMap((s): CopilotAnswer['items'] => {
      if (/remote control/i.test(s))
        return [{ kind: 'action_item', text: s, owner: 'Laura', dueDate: null, dueText: null, line: l.line }];
      if (/different stages/i.test(s))
        return [{ kind: 'decision', text: s, owner: null, dueDate: null, dueText: null, line: l.line }];
      if (s.endsWith('?') && s.split(/\s+/).length >= 4)
        return [{ kind: 'question', text: s, owner: null, dueDate: null, dueText: null, line: l.line }];
      return [];
    }),
  );
  return { items };
}

const auth = (user: User) => ({ Authorization: `Bearer ${user.token}`, 'X-Workspace-Id': user.workspaceId });

async function items(gw: GatewayApp, user: User, sessionId: string): Promise<CopilotItemView[]> {
  const res = await gw.app.http.get(`/api/sessions/${sessionId}/copilot`).set(auth(user)).expect(200);
  return res.body as CopilotItemView[];
}

/** A new account invited to the owner's workspace with `role`, signed in there. */
async function joinAs(gw: GatewayApp, role: 'member' | 'viewer'): Promise<User> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.com`;
  await gw.app.http
    .post(`/api/workspaces/${gw.owner.workspaceId}/invitations`)
    .set(auth(gw.owner))
    .send({ email, role })
    .expect(201);
  await gw.app.http
    .post('/api/auth/register')
    .send({ email, password: 'correct horse battery', name: role })
    .expect(201);
  const login = await gw.app.http
    .post('/api/auth/login')
    .send({ email, password: 'correct horse battery' })
    .expect(200);
  const token = (login.body as { accessToken: string }).accessToken;
  const invitations = await gw.app.http
    .get('/api/me/invitations')
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  const invitation = (invitations.body as { id: string; workspaceId: string }[]).find(
    (i) => i.workspaceId === gw.owner.workspaceId,
  )!;
  await gw.app.http
    .post(`/api/invitations/${invitation.id}/accept`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  const me = await gw.app.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { token, workspaceId: gw.owner.workspaceId, userId: (me.body as { id: string }).id };
}

function collectCopilot(socket: ClientSocket): CopilotEvent[] {
  const seen: CopilotEvent[] = [];
  socket.on('copilot', (e) => seen.push(e));
  return seen;
}

const EVENT_KEYS = new Set([
  'sessionId',
  'id',
  'kind',
  'text',
  'owner',
  'due',
  'startMs',
  'provisional',
  'source',
]);

describe('live copilot: items during the stream, pin and dismiss, reconciliation at the end', () => {
  const gw = useGatewayApp({
    env: () => ({
      OPENAI_API_KEY: 'sk-test',
      MINA_COPILOT_INTERVAL_SECONDS: '1',
      MINA_COPILOT_MAX_CHARS: '1500',
    }),
  });
  beforeAll(() => {
    scriptLlm(gw.fake, { assignee: 'Laura' });
    gw.fake.onChat('copilot_items', copilotAnswer);
  });

  it('pushes items while the session records, keeps pinned ones through finalization and never duplicates a task', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    const events = collectCopilot(socket);
    expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    expect((await stream(socket, sessionId, CHUNKS.slice(0, FIRST_PART))).every((a) => a.ok)).toBe(true);

    await until(
      () => ['action_item', 'decision', 'question'].every((k) => events.some((e) => e.kind === k)),
      30_000,
      'copilot events of every kind',
    );
    // Still recording: these came during the stream, not from the pipeline.
    const session = await gw.app.http.get(`/api/sessions/${sessionId}`).set(auth(gw.owner)).expect(200);
    expect(session.body).toMatchObject({ status: 'recording' });
    for (const e of events) {
      expect(Object.keys(e).every((k) => EVENT_KEYS.has(k))).toBe(true);
      expect(e).toMatchObject({ sessionId, provisional: true, source: 'default' });
      expect(typeof e.id).toBe('string');
      expect(Number.isInteger(e.startMs)).toBe(true);
      // The fixture's real words, as the model quoted them.
      expect(` ${fixture.words.join(' ')} `).toContain(` ${words(e.text).join(' ')} `);
    }
    // Every item once, however many scans saw its line.
    expect(new Set(events.map((e) => `${e.kind}:${e.text}`)).size).toBe(events.length);
    const action = events.find((e) => e.kind === 'action_item')!;
    expect(action).toMatchObject({ owner: 'Laura' });
    expect(action.text).toMatch(/remote control/i);

    // At most one scan (one LLM call) per session per interval.
    const scans = gw.fake.requests
      .filter((r) => r.route === 'chat' && r.schemaName === 'copilot_items')
      .map((r) => r.at);
    expect(scans.length).toBeGreaterThan(0);
    for (let i = 1; i < scans.length; i++) expect(scans[i] - scans[i - 1]).toBeGreaterThanOrEqual(950);

    const listed = await items(gw, gw.owner, sessionId);
    expect(listed.map((i) => i.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(listed.every((i) => i.state === 'open' && i.outcome === null)).toBe(true);

    const decision = events.find((e) => e.kind === 'decision')!;
    const question = events.find((e) => e.kind === 'question')!;
    const post = (item: string, verb: string) =>
      gw.app.http.post(`/api/sessions/${sessionId}/copilot/${item}/${verb}`).set(auth(gw.owner));
    expect((await post(action.id, 'pin').expect(200)).body).toMatchObject({ id: action.id, state: 'pinned' });
    expect((await post(decision.id, 'pin').expect(200)).body).toMatchObject({ state: 'pinned' });
    expect((await post(question.id, 'dismiss').expect(200)).body).toMatchObject({ state: 'dismissed' });
    expect((await post(action.id, 'pin').expect(409)).body).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await post(question.id, 'pin').expect(409)).body).toMatchObject({ code: 'INVALID_TRANSITION' });
    await post('00000000-0000-4000-8000-000000000000', 'pin').expect(404);

    // Pinning made markers at the items' times.
    const markers = await gw.app.http
      .get('/api/markers')
      .query({ filter: JSON.stringify({ sessionId }) })
      .set(auth(gw.owner))
      .expect(200);
    expect(markers.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId, type: 'todo', content: action.text, atMs: action.startMs }),
        expect.objectContaining({
          sessionId,
          type: 'decision',
          content: decision.text,
          atMs: decision.startMs,
        }),
      ]),
    );

    expect((await stream(socket, sessionId, CHUNKS, { fromSeq: FIRST_PART })).every((a) => a.ok)).toBe(true);
    expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, finalizedNow: true });
    socket.close();
    const insights: InsightsBody = await waitForStatus(
      gw.app.http,
      { ...gw.owner, name: 'owner', auth: auth(gw.owner) },
      sessionId,
      'completed',
      60_000,
    );

    // The pinned action item is the final task (linked, not a second task); the pinned decision joined the summary.
    expect(insights.tasks.map((t) => t.title)).toEqual([SCRIPTED_TASK]);
    expect(insights.summary!.decisions.map((d) => d.text)).toEqual([SCRIPTED_DECISION, decision.text]);
    const after = new Map((await items(gw, gw.owner, sessionId)).map((i) => [i.id, i]));
    expect(after.get(action.id)).toMatchObject({
      state: 'pinned',
      outcome: 'matched',
      taskId: insights.tasks[0].id,
    });
    expect(after.get(decision.id)).toMatchObject({ state: 'pinned', outcome: 'added', taskId: null });
    expect(after.get(question.id)).toMatchObject({ state: 'dismissed', outcome: null });
    // Unpinned questions the summary did not confirm are superseded, not final.
    const others = [...after.values()].filter((i) => i.kind === 'question' && i.state === 'open');
    expect(others.every((i) => i.outcome === 'superseded')).toBe(true);
    expect([...after.values()].filter((i) => i.state !== 'dismissed').every((i) => i.outcome !== null)).toBe(
      true,
    );

    // Reconciled: nothing changes any more.
    const open = [...after.values()].find((i) => i.state === 'open');
    if (open)
      expect((await post(open.id, 'dismiss').expect(409)).body).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { reason: 'RECONCILED' },
      });
  });

  it('keeps the routes to the session’s workspace (another workspace gets 404) and to who may edit the session (403)', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const stranger = await register(gw.app, 'stranger');
    await gw.app.http.get(`/api/sessions/${sessionId}/copilot`).set(auth(stranger)).expect(404);
    await gw.app.http
      .post(`/api/sessions/${sessionId}/copilot/00000000-0000-4000-8000-000000000000/pin`)
      .set(auth(stranger))
      .expect(404);
    await gw.app.http
      .post(`/api/sessions/${sessionId}/copilot/00000000-0000-4000-8000-000000000000/dismiss`)
      .set(auth(stranger))
      .expect(404);
    expect(await items(gw, gw.owner, sessionId)).toEqual([]);

    // In the workspace: a member reads the items of a colleague's session but may not change them; a viewer neither.
    for (const role of ['member', 'viewer'] as const) {
      const colleague = await joinAs(gw, role);
      expect(await items(gw, colleague, sessionId)).toEqual([]);
      for (const verb of ['pin', 'dismiss']) {
        const res = await gw.app.http
          .post(`/api/sessions/${sessionId}/copilot/00000000-0000-4000-8000-000000000000/${verb}`)
          .set(auth(colleague))
          .expect(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
  });
});

describe('live copilot without an LLM: the rule-based fallback, labelled', () => {
  // OPENAI_BASE_URL alone: speech is recognized, but no LLM is configured.
  const gw = useGatewayApp({ env: () => ({ MINA_COPILOT_INTERVAL_SECONDS: '1' }) });

  it('finds items with the local rules while the session records and says so (source: local)', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    const events = collectCopilot(socket);
    await call(socket, 'session:join', { sessionId });
    expect((await stream(socket, sessionId, CHUNKS)).every((a) => a.ok)).toBe(true);
    await until(() => events.length > 0, 30_000, 'a rule-based copilot event');
    expect(
      events.every((e) => e.source === 'local' && e.provisional === true && e.sessionId === sessionId),
    ).toBe(true);
    const listed = await items(gw, gw.owner, sessionId);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((i) => i.source === 'local')).toBe(true);
    expect(gw.fake.requests.some((r) => r.route === 'chat')).toBe(false);
    await call(socket, 'session:end', { sessionId });
    socket.close();
  });
});
