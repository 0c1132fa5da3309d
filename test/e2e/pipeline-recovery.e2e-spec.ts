import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { JobWorkers } from '#src/jobs/job-workers.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { scriptLlm } from './pipeline.fake-llm.js';
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
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

describe('pipeline recovery: a worker dies mid-stage; jobs that fail for good become dead letters', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let api: PipelineApp;
  let laura: Member;
  let admin: Record<string, string>;
  const llmEnv = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    stack = await createStack();
    api = await stack.start({ role: 'api', env: { ...llmEnv(), ...adminEnv } });
    laura = await register(api.http, 'Laura Smith');
    admin = await loginAdmin(api.http);
    scriptLlm(fake, { assignee: 'Laura' });
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('re-runs the stage of a worker killed mid-job on another worker, and the pipeline completes once', async () => {
    const doomed = await stack.start({ role: 'worker', env: llmEnv() });
    const sessionId = await createSession(api.http, laura);
    await insertSegments(api.app, sessionId, meetingTurns('ES2002b.json', 40));
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [sessionId] });
    try {
      // The LLM never answers the first refinement request: the worker is caught mid-stage.
      fake.setFault({ kind: 'hang', route: 'chat', times: 1 });
      await api.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
      await waitFor('the refinement request', () => fake.requests.some((r) => r.schemaName === 'transcript_refinement'));
      // A crash, not a shutdown: the workers stop without finishing or releasing their jobs.
      await Promise.all(doomed.app.get(JobWorkers).workers.map((w) => w.close(true)));
      await doomed.close();

      const rescuer = await stack.start({ role: 'worker', env: llmEnv() });
      const insights = await waitForStatus(api.http, laura, sessionId, 'completed', 30_000);
      expect(Object.values(insights.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      expect(insights.fallbackUsed).toBe(false);
      expect(insights.tasks.filter((t) => t.extracted)).toHaveLength(1);
      const refine = await rescuer.app.get(PipelineQueues).getJob('pipeline', `refine-${sessionId}`);
      expect(refine?.stalledCounter).toBeGreaterThanOrEqual(1);
      await waitFor('the reveal event', () => rooms.of(sessionId).includes('post_transcription_reveal'));
      const events = rooms.of(sessionId);
      expect(events.filter((e) => e === 'refinement_started')).toHaveLength(2);
      expect(events.filter((e) => e === 'refinement_ready')).toHaveLength(1);
      expect(events.filter((e) => e === 'post_transcription_reveal')).toHaveLength(1);
    } finally {
      await rooms.close();
    }
  });

  it('dead-letters a stage that fails three times, lets an admin retry or discard it, and audits both', async () => {
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      // The summary table is briefly unavailable: longer than the stage's three attempts.
      await db.query('alter table "summary" rename to "summary_away"');
      const [retried, discarded] = [await createSession(api.http, laura), await createSession(api.http, laura)];
      for (const id of [retried, discarded]) {
        await insertSegments(api.app, id, meetingTurns('ES2005a.json', 20));
        await api.http.post(`/api/sessions/${id}/finalize`).set(laura.auth).expect(202);
      }
      const letters = await waitFor('two dead letters', async () => {
        const res = await api.http.get('/api/admin/dead-letters').set(admin).expect(200);
        return (res.body as DeadLetterBody[]).length === 2 ? res : undefined;
      });
      expect(letters.headers['content-range']).toBe('dead-letters 0-1/2');
      const letter = (letters.body as DeadLetterBody[]).find((d) => d.sessionId === retried)!;
      expect(letter).toMatchObject({ queue: 'pipeline', jobName: 'summary', attempts: 3, data: { sessionId: retried, workspaceId: laura.workspaceId } });
      expect(letter.error).toMatch(/summary/);
      expect(letter.stack).toMatch(/at /);
      expect(letter.failedAt).toEqual(expect.any(String));
      // The rest of the pipeline went on without the failed stage.
      for (const id of [retried, discarded]) {
        await waitFor('the reveal', async () => (await api.http.get(`/api/sessions/${id}`).set(laura.auth)).body.status === 'completed');
      }
      await api.http.get('/api/admin/dead-letters').set(laura.auth).expect(403);
      await api.http.get(`/api/admin/dead-letters/${letter.id}`).set(admin).expect(200);
      await db.query('alter table "summary_away" rename to "summary"');

      const failed = await api.http.get(`/api/sessions/${retried}/insights`).set(laura.auth).expect(200);
      expect(failed.body.stages.summary).toMatchObject({ status: 'failed', error: expect.stringMatching(/summary/) });
      expect(failed.body.summary).toBeNull();

      await api.http.post(`/api/admin/dead-letters/${letter.id}/retry`).set(admin).expect(202);
      const healed = await waitFor('the retried summary', async () => {
        const res = await api.http.get(`/api/sessions/${retried}/insights`).set(laura.auth);
        // The summary row lands just before its stage is marked ready.
        return res.body.summary && res.body.stages.summary.status === 'ready' ? res.body : undefined;
      });
      expect(healed.stages.summary.status).toBe('ready');
      await api.http.get(`/api/admin/dead-letters/${letter.id}`).set(admin).expect(404);

      const other = (letters.body as DeadLetterBody[]).find((d) => d.sessionId === discarded)!;
      await api.http.delete(`/api/admin/dead-letters/${other.id}`).set(admin).expect(204);
      await api.http.get('/api/admin/dead-letters').set(admin).expect(200).expect('content-range', 'dead-letters */0');
      const audit = await api.http.get(`/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ target: `dead-letter:${letter.id}` }))}`).set(admin).expect(200);
      expect(audit.body).toEqual([expect.objectContaining({ action: 'dead_letter.retry' })]);
      const discard = await api.http.get(`/api/admin/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'dead_letter.discard' }))}`).set(admin).expect(200);
      expect(discard.body).toHaveLength(1);
    } finally {
      await db.query('alter table if exists "summary_away" rename to "summary"').catch(() => undefined);
      await db.end();
    }
  });
});
