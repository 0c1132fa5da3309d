import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptionRepository } from '#src/transcription/transcription.repository.js';
import { createSession, createStack, insertSegments, meetingTurns, register, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

interface Hit {
  id: string;
  type: 'segment' | 'summary' | 'task';
  sessionId: string | null;
  title: string | null;
  snippet: string;
  rank: number;
  startMs: number | null;
  createdAt: string;
}

describe.each(['postgresql', 'pglite'] as const)('GET /api/search on %s', (db) => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member;
  let bob: Member;
  const own: Record<string, string[]> = {};

  const search = (member: Member, q: string, extra = '') => mina.http.get(`/api/search?q=${encodeURIComponent(q)}${extra}`).set(member.auth);

  beforeAll(async () => {
    stack = await createStack(db);
    // No LLM configured: summaries and tasks come from the local fallback.
    mina = await stack.start();
    laura = await register(mina.http, 'Laura Smith');
    bob = await register(mina.http, 'Bob Stone');
    for (const [member, file] of [[laura, 'ES2002a.json'], [bob, 'IS1000a.json']] as const) {
      const sessionId = await createSession(mina.http, member, `Meeting from ${file}`);
      await insertSegments(mina.app, sessionId, [
        ...meetingTurns(file, 120),
        { speaker: 'Guest', text: `<b>Escaped</b> remote ${member === laura ? 'zanzibar' : 'kilimanjaro'} notes`, startMs: 9_000_000, endMs: 9_001_000 },
      ]);
      await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(member.auth).expect(202);
      await waitForStatus(mina.http, member, sessionId, 'completed', 40_000);
      own[member.workspaceId] = [sessionId];
    }
    await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Order the walnut prototype casing', description: 'For the remote' }).expect(201);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('ranks segments, summaries and tasks of the caller’s workspace only, with highlighted snippets', async () => {
    for (const member of [laura, bob]) {
      const res = await search(member, 'remote control', '&range=[0,99]').expect(200);
      const hits = res.body as Hit[];
      expect(hits.length).toBeGreaterThanOrEqual(2);
      expect(hits.every((h) => h.type === 'task' || own[member.workspaceId].includes(h.sessionId!))).toBe(true);
      expect(new Set(hits.map((h) => h.type))).toContain('segment');
      expect(hits.every((h) => /<mark>[^<]+<\/mark>/.test(h.snippet))).toBe(true);
      expect(hits.every((h) => new Date(h.createdAt).toISOString() === h.createdAt)).toBe(true);
      expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
      expect(res.headers['content-range']).toMatch(new RegExp(`^search 0-${hits.length - 1}/\\d+$`));
    }
    const summaries = await search(laura, 'remote', '&filter={"type":"summary"}').expect(200);
    expect((summaries.body as Hit[]).map((h) => h.sessionId)).toEqual(own[laura.workspaceId]);
  });

  it('never leaks another workspace’s records', async () => {
    await search(bob, 'zanzibar').expect(200).expect('content-range', 'search */0');
    await search(bob, 'walnut').expect(200).expect([]);
    const mine = await search(laura, 'walnut').expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ type: 'task', title: 'Order the walnut prototype casing' })]);
    const zanzibar = await search(laura, 'zanzibar').expect(200);
    // Snippets are HTML with only our <mark> tags: markup in the transcript never comes through raw.
    expect((zanzibar.body as Hit[])[0].snippet).toMatch(/Escaped.*<mark>zanzibar<\/mark>/);
    expect((zanzibar.body as Hit[])[0].snippet).not.toContain('<b>');
    // Bob naming Laura's workspace is not a member: 404, nothing revealed.
    await mina.http.get('/api/search?q=zanzibar').set({ ...bob.auth, 'X-Workspace-Id': laura.workspaceId }).expect(404);
  });

  it('finds segments written by the live path, which does not name the workspace', async () => {
    // The live path's raw INSERT leaves segment.workspace_id out; the database fills it from the session.
    const [sessionId] = own[laura.workspaceId];
    const checkpoint = { endSample: 0, nextSeq: 1001, lastText: '', lastForceCut: false };
    await mina.app.get(TranscriptionRepository).persistWindow(sessionId, [
      { seq: 1000, text: 'The quokka prototype ships on Tuesday', speaker: 'A', startMs: 9_100_000, endMs: 9_102_000, confidence: 0.9, language: 'en' },
    ], checkpoint, {});
    const hits = (await search(laura, 'quokka').expect(200)).body as Hit[];
    expect(hits).toEqual([expect.objectContaining({ type: 'segment', sessionId, title: 'Meeting from ES2002a.json', startMs: 9_100_000 })]);
    await search(bob, 'quokka').expect(200).expect([]);
  });

  it('pages in the simple-REST convention and validates its input', async () => {
    const all = (await search(laura, 'remote', '&range=[0,999]').expect(200)).body as Hit[];
    const page = await search(laura, 'remote', '&range=[2,4]').expect(200);
    expect((page.body as Hit[]).map((h) => h.id)).toEqual(all.slice(2, 5).map((h) => h.id));
    expect(page.headers['content-range']).toBe(`search 2-4/${all.length}`);
    await search(laura, 'remote', `&range=[${all.length + 5},${all.length + 9}]`).expect(200).expect('content-range', `search */${all.length}`);
    await mina.http.get('/api/search').set(laura.auth).expect(400);
    await search(laura, 'remote', '&filter={"type":"meeting"}').expect(400);
    await search(laura, '"unbalanced quote -').expect(200);
  });
});
