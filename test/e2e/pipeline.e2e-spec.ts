import { EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedTask } from '#src/ai/task-extraction.service.js';
import { ExtractedTasksRepository } from '#src/pipeline/extracted-tasks.repository.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { RedisService } from '#src/redis/redis.service.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { chatCounts, SCRIPTED_DECISION, SCRIPTED_TASK, scriptLlm } from './pipeline.fake-llm.js';
import {
  createSession,
  createStack,
  insertSegments,
  listenToRooms,
  meetingTurns,
  register,
  waitFor,
  waitForStatus,
  type InsightsBody,
  type Member,
  type PipelineApp,
  type Stack,
} from './pipeline.harness.js';

describe('post-meeting pipeline (PostgreSQL, Redis, fake LLM)', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let mina: PipelineApp;
  let laura: Member;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    stack = await createStack();
    mina = await stack.start({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL },
      pipeline: { abandonAfterMs: 60_000, sweepEveryMs: 300 },
    });
    laura = await register(mina.http, 'Laura Smith');
    scriptLlm(fake, { assignee: 'Laura' });
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('runs finalize → refine → analytics ∥ tasks ∥ summary → reveal, with events to the session and workspace rooms', async () => {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns('ES2002a.json', 60));
    await mina.http.patch(`/api/sessions/${sessionId}/speakers`).set(laura.auth).send({ speakers: { 'Project Manager': 'Laura' } }).expect(200);
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [sessionId], workspaceId: laura.workspaceId });
    try {
      const res = await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
      expect(res.body).toMatchObject({ id: sessionId, status: 'processing', finalizedNow: true });

      const insights = await waitForStatus(mina.http, laura, sessionId, 'completed');
      await waitFor('the reveal event', () => rooms.of(sessionId).includes('post_transcription_reveal'));
      const events = rooms.of(sessionId);
      expect(events[0]).toBe('session_finalized');
      expect(events.slice(1, 3)).toEqual(['refinement_started', 'refinement_ready']);
      expect(events.slice(3, 9).sort()).toEqual(
        ['analytics_ready', 'analytics_started', 'summary_ready', 'summary_started', 'tasks_ready', 'tasks_started'],
      );
      expect(events.at(9)).toBe('post_transcription_reveal');
      await waitFor('dashboard_refresh', () => rooms.events.some((e) => e.event === 'dashboard_refresh' && e.sessionId === sessionId));
      expect(rooms.statuses).toContainEqual({ sessionId, status: 'completed' });

      expect(insights.fallbackUsed).toBe(false);
      expect(Object.values(insights.stages).map((s) => s.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      // Refinement keeps ids and times and cleans the text.
      expect(insights.transcript).toHaveLength(60);
      expect(insights.transcript.every((s) => s.refinedText !== null && !/\{vocalsound\}/.test(s.refinedText))).toBe(true);
      expect(insights.transcript.filter((s) => s.refinedText !== s.text).length).toBeGreaterThan(30);
      expect(insights.transcript[0]).toMatchObject({ startMs: 0, speaker: 'Laura' });
      expect(insights.summary).toMatchObject({ fallbackUsed: false, model: 'gpt-4.1-mini' });
      expect(insights.summary!.decisions[0]).toMatchObject({ text: SCRIPTED_DECISION, speaker: 'Laura', atMs: 0 });
      expect(insights.analytics!.topics).toEqual(['remote control design', 'project plan']);
      expect(insights.analytics!.sentiment).toBeCloseTo(0.4);
      expect(insights.analytics!.talkTime.reduce((sum, t) => sum + t.share, 0)).toBeCloseTo(1);
      expect(insights.analytics!.talkTime.map((t) => t.speaker)).toContain('Laura');
      expect(insights.analytics!.details).toMatchObject({ fallbackUsed: false });
      expect(insights.analytics!.details.silenceRatio).toEqual(expect.any(Number));

      // The extracted task lands in /api/tasks: owner matched to the member, "by Friday" resolved against Wed 2026-11-18.
      const tasks = await mina.http.get(`/api/tasks?filter=${encodeURIComponent(JSON.stringify({ sessionId }))}`).set(laura.auth).expect(200);
      expect(tasks.body).toEqual([
        expect.objectContaining({ title: SCRIPTED_TASK, assignedToId: laura.userId, assigneeName: 'Laura Smith', dueDate: '2026-11-20', priority: 'high', extracted: true, sessionId, sourceStartMs: 0 }),
      ]);
      const mine = await mina.http.get(`/api/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, open: true }))}`).set(laura.auth).expect(200);
      expect((mine.body as { title: string }[]).map((t) => t.title)).toContain(SCRIPTED_TASK);

      // The trend shows the meeting in the week it was held (the harness's fixed MEETING_START).
      const trends = await mina.http.get('/api/analytics/trends?from=2026-11-16&to=2026-11-22&bucket=week').set(laura.auth).expect(200);
      expect(trends.body.points).toEqual([expect.objectContaining({ bucket: '2026-11-16', meetings: 1 })]);
      // Token usage is charged to the workspace when the calls happen, i.e. today (UTC): a range
      // around the real clock (yesterday..today, in case the run crosses midnight), never a fixed
      // calendar week, holds it.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const usage = await mina.http.get(`/api/analytics/trends?from=${day(-1)}&to=${day(0)}&bucket=day`).set(laura.auth).expect(200);
      expect(usage.body.totals.tokens.requests).toBeGreaterThanOrEqual(4);
      expect(usage.body.totals.tokens.totalTokens).toBeGreaterThan(0);

      const metrics = await mina.http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/mina_queue_jobs\{[^}]*queue="pipeline"/);
      expect(metrics.text).toMatch(/mina_job_duration_seconds_count\{[^}]*name="summary"[^}]*state="completed"/);
    } finally {
      await rooms.close();
    }
  });

  it('reports the workspace’s token usage by model and by day to its members only', async () => {
    // The meeting of the first test made the LLM calls; usage is stamped when it happens (today, UTC).
    const today = new Date().toISOString().slice(0, 10);
    const path = `/api/workspaces/${laura.workspaceId}/token-usage`;
    const res = await mina.http.get(`${path}?from=${today}&to=${today}`).set(laura.auth).expect(200);
    const body = res.body as {
      workspaceId: string;
      from: string;
      to: string;
      totals: { requests: number; promptTokens: number; completionTokens: number; totalTokens: number };
      byModel: { model: string; requests: number; totalTokens: number }[];
      byDay: { day: string; requests: number; totalTokens: number }[];
    };
    expect(body).toMatchObject({ workspaceId: laura.workspaceId, from: today, to: today });
    expect(body.totals.requests).toBeGreaterThanOrEqual(4);
    expect(body.totals.totalTokens).toBe(body.totals.promptTokens + body.totals.completionTokens);
    expect(body.byModel).toEqual([expect.objectContaining({ model: 'gpt-4.1-mini', requests: body.totals.requests, totalTokens: body.totals.totalTokens })]);
    expect(body.byDay).toEqual([expect.objectContaining({ day: today, requests: body.totals.requests, totalTokens: body.totals.totalTokens })]);
    // Default range is the last 30 days, which includes today; a range before today holds nothing.
    expect((await mina.http.get(path).set(laura.auth).expect(200)).body.totals.requests).toBe(body.totals.requests);
    const empty = await mina.http.get(`${path}?from=2020-01-01&to=2020-01-31`).set(laura.auth).expect(200);
    expect(empty.body).toMatchObject({ totals: { requests: 0, totalTokens: 0 }, byModel: [], byDay: [] });
    await mina.http.get(`${path}?from=2026-13-01`).set(laura.auth).expect(400);
    await mina.http.get(`${path}?from=2026-11-20&to=2026-11-01`).set(laura.auth).expect(400);

    // A viewer of the workspace may read it; someone from another workspace gets 404; no token, 401.
    const email = `viewer-${Date.now()}@example.com`;
    await mina.http.post('/api/auth/register').send({ email, password: 'correct horse battery', name: 'Vera Viewer' }).expect(201);
    const reg = await mina.http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    const vera = { Authorization: `Bearer ${(reg.body as { accessToken: string }).accessToken}` };
    await mina.http.get(path).set(vera).expect(404);
    const invited = await mina.http.post(`/api/workspaces/${laura.workspaceId}/members`).set(laura.auth).send({ email, role: 'viewer' }).expect(201);
    await mina.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set(vera).expect(200);
    const seen = await mina.http.get(`${path}?from=${today}&to=${today}`).set(vera).expect(200);
    expect(seen.body.totals).toEqual(body.totals);
    await mina.http.get(path).expect(401);
  });

  it('collapses ten concurrent finalize calls into one pipeline run', async () => {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns('ES2005a.json', 30));
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [sessionId] });
    try {
      const before = chatCounts(fake);
      const results = await Promise.all(Array.from({ length: 10 }, () => mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
      expect(results.filter((r) => (r.body as { finalizedNow: boolean }).finalizedNow)).toHaveLength(1);
      await waitForStatus(mina.http, laura, sessionId, 'completed');
      await waitFor('the reveal event', () => rooms.of(sessionId).includes('post_transcription_reveal'));
      const after = chatCounts(fake);
      for (const schema of ['transcript_refinement', 'action_items', 'meeting_summary', 'meeting_topics']) {
        expect(after[schema] - (before[schema] ?? 0), schema).toBe(1);
      }
      const events = rooms.of(sessionId);
      expect(events.filter((e) => e === 'session_finalized')).toHaveLength(1);
      expect(events.filter((e) => e === 'refinement_started')).toHaveLength(1);
      expect(events.filter((e) => e === 'post_transcription_reveal')).toHaveLength(1);
      const again = await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
      expect(again.body).toMatchObject({ status: 'completed', finalizedNow: false });
    } finally {
      await rooms.close();
    }
  });

  it('re-running the task stage replaces only untouched extracted tasks', async () => {
    const sessionId = await createSession(mina.http, laura);
    await insertSegments(mina.app, sessionId, meetingTurns('ES2002a.json', 20));
    await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
    const first = await waitForStatus(mina.http, laura, sessionId, 'completed');
    const extracted = first.tasks.filter((t) => t.extracted);
    expect(extracted).toHaveLength(1);
    const manual = await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Book a room for the next meeting', sessionId }).expect(201);

    const queues = mina.app.get(PipelineQueues);
    const rerun = async () => {
      const jobId = queues.jobId('tasks', sessionId);
      await mina.app.get(JobQueues).readd('tasks', { sessionId, workspaceId: laura.workspaceId }, jobId);
      await waitFor('the task stage to run again', async () => (await queues.getJob('pipeline', jobId))?.finishedOn);
      return ((await mina.http.get(`/api/sessions/${sessionId}/insights`).set(laura.auth)).body as InsightsBody).tasks;
    };
    const second = await rerun();
    expect(second.map((t) => t.title).sort()).toEqual(['Book a room for the next meeting', SCRIPTED_TASK]);
    expect(second.find((t) => t.extracted)!.id).not.toBe(extracted[0].id);

    // Once someone edits an extracted task it is theirs: a re-run keeps it and adds no twin.
    const edited = second.find((t) => t.extracted)!;
    await mina.http.put(`/api/tasks/${edited.id}`).set(laura.auth).send({ status: 'in_progress' }).expect(200);
    const third = await rerun();
    expect(third.map((t) => t.id).sort()).toEqual([edited.id, (manual.body as { id: string }).id].sort());
  });

  it('two runs of one session’s task stage at the same moment leave one set of extracted tasks', async () => {
    const sessionId = await createSession(mina.http, laura);
    const [row] = (await mina.app
      .get(EntityManager)
      .getConnection()
      .execute(`select "meeting_id" as "meetingId", "user_id" as "userId" from "session" where "id" = ?`, [sessionId])) as { meetingId: string; userId: string }[];
    const session = { id: sessionId, workspaceId: laura.workspaceId, meetingId: row.meetingId, userId: row.userId };
    const task: ExtractedTask = { title: 'Send the minutes', description: '', assigneeName: null, assigneeUserId: null, dueDate: null, priority: 'medium', evidence: 'I will send the minutes', sourceStartMs: 0 };
    // A stalled job retried while its first run still writes: both land in one batched statement.
    const repo = mina.app.get(ExtractedTasksRepository);
    await Promise.all([repo.replace(session, [task]), repo.replace(session, [task])]);
    const tasks = ((await mina.http.get(`/api/sessions/${sessionId}/insights`).set(laura.auth)).body as InsightsBody).tasks;
    expect(tasks.map((t) => t.title)).toEqual(['Send the minutes']);
  });

  it('finalizes a session without segments cleanly, without calling the LLM', async () => {
    const sessionId = await createSession(mina.http, laura);
    const before = fake.requests.length;
    await mina.http.post(`/api/sessions/${sessionId}/finalize`).set(laura.auth).expect(202);
    const insights = await waitForStatus(mina.http, laura, sessionId, 'completed');
    expect(insights.transcript).toEqual([]);
    expect(insights.tasks).toEqual([]);
    expect(insights.summary).toMatchObject({ overview: 'Nothing was said in this session.', decisions: [], fallbackUsed: false });
    expect(insights.analytics).toMatchObject({ talkTime: [], topics: [] });
    expect(Object.values(insights.stages).every((s) => s.status === 'ready')).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it('finalizes recording sessions without audio for N minutes, and only those', async () => {
    const quiet = await createSession(mina.http, laura, 'Forgotten tab');
    const live = await createSession(mina.http, laura, 'Long meeting');
    await insertSegments(mina.app, quiet, meetingTurns('IS1000a.json', 5));
    const em = mina.app.get(EntityManager).fork();
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await em.nativeUpdate(TranscriptionSession, { id: { $in: [quiet, live] } }, { status: 'recording', updatedAt: longAgo });
    // The gateway stamps live audio in Redis; the live session's row is just as old.
    const redis = mina.app.get(RedisService);
    await redis.client.set(redis.key('session', live, 'last-audio'), String(Date.now()));

    const insights = await waitForStatus(mina.http, laura, quiet, 'completed', 15_000);
    expect(insights.transcript).toHaveLength(5);
    const session = await mina.http.get(`/api/sessions/${quiet}`).set(laura.auth).expect(200);
    expect(session.body.stats).toMatchObject({ finalizedBy: 'abandoned' });
    expect((await mina.http.get(`/api/sessions/${live}`).set(laura.auth).expect(200)).body.status).toBe('recording');
  });
});
