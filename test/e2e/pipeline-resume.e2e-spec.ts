import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { chatCounts, scriptLlm } from './pipeline.fake-llm.js';
import {
  adminEnv,
  createSession,
  createStack,
  insertSegments,
  listenToRooms,
  loginAdmin,
  meetingTurns,
  register,
  waitFor,
  waitForStatus,
  type DeadLetterBody,
  type InsightsBody,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

/** Failures for good in the middle of a flow: what comes after must still run, and no session may stay `processing`. */
describe('pipeline resumption: dead-letter retries resume the flow; stuck sessions are recovered', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let mina: PipelineApp;
  let laura: Member;
  let admin: Record<string, string>;
  let db: pg.Client;
  const llmEnv = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL });
  const insights = async (sessionId: string) => (await mina.http.get(`/api/sessions/${sessionId}/insights`).set(laura.auth).expect(200)).body as InsightsBody;
  const deadLetter = (sessionId: string, jobName: string) =>
    waitFor(`a dead ${jobName}`, async () => {
      const res = await mina.http.get('/api/admin/dead-letters').set(admin).expect(200);
      return (res.body as DeadLetterBody[]).find((d) => d.sessionId === sessionId && d.jobName === jobName);
    });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    scriptLlm(fake, { assignee: 'Laura' });
    stack = await createStack();
    mina = await stack.start({ env: { ...llmEnv(), ...adminEnv } });
    laura = await register(mina.http, 'Laura Smith');
    admin = await loginAdmin(mina.http);
    db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.close();
    await fake?.close();
  });

  it('retrying a dead-lettered refinement re-runs the stages after it and reveals again', async () => {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns('ES2002a.json', 30));
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [sessionId] });
    try {
      // Refined text cannot be written: refinement fails three times; the rest runs on the raw transcript.
      await db.query(`alter table "segment" add constraint "test_no_refined_text" check ("refined_text" is null) not valid`);
      await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
      const letter = await deadLetter(sessionId, 'refine');
      const first = await waitForStatus(mina.http, laura, sessionId, 'completed');
      expect(first.stages.refinement.status).toBe('failed');
      expect(first.transcript.every((s) => s.refinedText === null)).toBe(true);
      await waitFor('the first reveal', () => rooms.of(sessionId).includes('post_transcription_reveal'));
      await db.query(`alter table "segment" drop constraint "test_no_refined_text"`);

      const before = chatCounts(fake);
      const retried = await mina.http.post(`/api/admin/dead-letters/${letter.id}/retry`).set(admin).expect(202);
      expect((retried.body as { jobId: string }).jobId).toBe(`refine-${sessionId}-r1`);
      await waitFor('a second reveal', () => rooms.of(sessionId).filter((e) => e === 'post_transcription_reveal').length === 2, 20_000);
      const healed = await insights(sessionId);
      expect(healed.status).toBe('completed');
      expect(Object.values(healed.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      expect(healed.transcript.every((s) => s.refinedText !== null)).toBe(true);
      // Summary, tasks and topics were made again from the refined transcript, once each.
      const after = chatCounts(fake);
      for (const schema of ['transcript_refinement', 'action_items', 'meeting_summary', 'meeting_topics']) {
        expect(after[schema] - (before[schema] ?? 0), schema).toBe(1);
      }
      expect(healed.tasks.filter((t) => t.extracted)).toHaveLength(1);
      expect(rooms.statuses.filter((s) => s.sessionId === sessionId).map((s) => s.status)).toEqual(['completed', 'processing', 'completed']);
    } finally {
      await db.query(`alter table "segment" drop constraint if exists "test_no_refined_text"`);
      await rooms.close();
    }
  });

  it('a reveal that failed for good while the database refused it does not leave the session processing', async () => {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns('ES2005a.json', 20));
    try {
      // The reveal's write is refused through all its attempts (the database "down" for it).
      await db.query(`alter table "session" add constraint "test_no_reveal" check ("status" not in ('completed', 'error')) not valid`);
      await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
      await deadLetter(sessionId, 'reveal');
      const stuck = await insights(sessionId);
      expect(stuck.status).toBe('processing');
      expect(Object.values(stuck.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    } finally {
      await db.query(`alter table "session" drop constraint if exists "test_no_reveal"`);
    }
    // The database is back; a worker whose sweep looks for stuck sessions every 300 ms recovers it.
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [sessionId] });
    try {
      await stack.start({ role: 'worker', env: llmEnv(), pipeline: { stuckAfterMs: 1_000, sweepEveryMs: 300 } });
      const recovered = await waitForStatus(mina.http, laura, sessionId, 'completed', 20_000);
      expect(Object.values(recovered.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      expect(recovered.summary).not.toBeNull();
      await waitFor('the reveal event', () => rooms.of(sessionId).includes('post_transcription_reveal'));
    } finally {
      await rooms.close();
    }
  });
});
