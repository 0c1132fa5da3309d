import { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import { RecordingsRepository } from '#src/recordings/recordings.repository.js';
import { withContext } from '#src/database/with-context.js';
import { ContentRetention, type RetentionPreview } from '#src/retention/content-retention.js';
import { ContentRetentionRepository } from '#src/retention/content-retention.repository.js';
import { RecordingSweep } from '#src/retention/recording-sweep.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { stopScheduledRecordingSweep } from '../support/recording-sweep.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 17 item 5: per-workspace retention of transcripts and tasks, an instance default, a
 * preview that is the run without the deleting, one audit entry per workspace and run, legal hold
 * on a meeting. Sessions are made old by moving their timestamps back from the clock captured at
 * the start (the preview endpoint reads the real clock; every age is days away from a boundary).
 */

const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

interface Seeded {
  id: string;
  workspaceId: string;
}

async function* halfSecond(): AsyncGenerator<Buffer> {
  yield await Promise.resolve(Buffer.alloc(16_000, 7));
}

describe('retention policies and legal hold', () => {
  let t: TestApp;
  let db: pg.Client;
  let retention: ContentRetention;
  const users = {} as Record<'a' | 'b' | 'c' | 'admin' | 'member' | 'viewer' | 'outsider', SignedIn>;
  const s = {} as Record<string, Seeded>;
  let heldMeetingId: string;
  let preview: RetentionPreview;

  const content = async (sessionId: string) => {
    const { rows } = await db.query<Record<string, number>>(
      `select (select count(*) from segment where session_id = $1)::int as segments, (select count(*) from summary where session_id = $1)::int as summaries,
              (select count(*) from analytics where session_id = $1)::int as analytics, (select count(*) from marker where session_id = $1)::int as markers,
              (select count(*) from task where session_id = $1)::int as tasks`,
      [sessionId],
    );
    return rows[0];
  };
  const FULL = { segments: 3, summaries: 1, analytics: 1, markers: 1, tasks: 2 };
  const tasks = async (sessionId: string) =>
    (await db.query<{ title: string; description: string | null; evidence: string | null }>('select title, description, evidence from task where session_id = $1 order by title', [sessionId])).rows;

  /** A session with a transcript, summary, analytics, a marker and two tasks, ended `days` ago. */
  async function seed(name: string, user: SignedIn, days: number, over: { status?: string; transcription?: unknown; meetingId?: string } = {}): Promise<Seeded> {
    const id = ((await t.http.post('/api/sessions').set(as(user)).send({ title: name, ...(over.meetingId ? { meetingId: over.meetingId } : {}) }).expect(201)).body as { id: string }).id;
    await db.query(`update session set status = $1, transcription = $2, created_at = $3, ended_at = $4, speaker_names = '{"S1":"Ana"}' where id = $5`, [
      over.status ?? 'completed', over.transcription ?? null, ago(days + 1), ago(days), id,
    ]);
    for (let seq = 0; seq < 3; seq++) {
      await db.query(`insert into segment (id, created_at, updated_at, session_id, seq, kind, text, start_ms, end_ms) values (gen_random_uuid(), now(), now(), $1, $2, 'final', $3, $4, $5)`, [
        id, seq, `${name} words ${seq}`, seq * 1000, seq * 1000 + 900,
      ]);
    }
    await db.query(`insert into summary (id, created_at, updated_at, session_id, overview, key_points, decisions, risks, questions) values (gen_random_uuid(), now(), now(), $1, $2, '[]', '[{"text":"ship it"}]', '[]', '[]')`, [id, `${name} summary`]);
    await db.query(`insert into analytics (id, created_at, updated_at, session_id, status, talk_time, topics, details) values (gen_random_uuid(), now(), now(), $1, 'ready', '[]', '[]', '{}')`, [id]);
    await db.query(`insert into marker (id, created_at, updated_at, session_id, user_id, type, content, at_ms) values (gen_random_uuid(), now(), now(), $1, $2, 'decision', 'decided', 100)`, [id, user.userId]);
    // An extracted task quoting the transcript (evidence; the local extractor's description quotes the lines around it), and one a person wrote.
    for (const [title, extracted, description, evidence] of [['first task', true, `Ana: ${name} words 1`, `${name} words 1`], ['second task', false, 'Written by a person', null]] as const) {
      await db.query(`insert into task (id, created_at, updated_at, workspace_id, session_id, title, created_by_id, extracted, description, evidence) values (gen_random_uuid(), now(), now(), $1, $2, $3, $4, $5, $6, $7)`, [
        user.workspaceId, id, `${name} ${title}`, user.userId, extracted, description, evidence,
      ]);
    }
    s[name] = { id, workspaceId: user.workspaceId };
    return s[name];
  }

  async function record(name: string, days: number): Promise<void> {
    const store = t.app.get<AudioStore>(AUDIO_STORE, { strict: false });
    const stored = await store.write(s[name].id, halfSecond());
    await t.app.get(RecordingsRepository, { strict: false }).save({ id: s[name].id, workspaceId: s[name].workspaceId }, stored);
    await db.query('update recording set created_at = $1 where session_id = $2', [ago(days), s[name].id]);
  }

  async function join(owner: SignedIn, user: SignedIn, role: string): Promise<void> {
    const invited = await t.http.post(`/api/workspaces/${owner.workspaceId}/members`).set(as(owner)).send({ email: user.email, role }).expect(201);
    await t.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set('Authorization', `Bearer ${user.accessToken}`).expect(200);
  }

  const audits = async (action: string) =>
    (await db.query<{ workspace_id: string; actor_id: string | null; target: string; data: Record<string, unknown> }>(`select workspace_id, actor_id, target, data from audit_log where action = $1 order by at, id`, [action])).rows;

  beforeAll(async () => {
    // Batches of one session: every run goes through several transactions per workspace.
    // Instance default: transcripts a year, tasks kept; workspace a has its own policy, b follows the instance, c keeps forever.
    t = await startTestApp({ env: { MINA_RETENTION_SWEEP_MINUTES: '10080', MINA_RETENTION_RUN_HOURS: '168', MINA_RETENTION_BATCH: '1', MINA_RETENTION_TRANSCRIPT_DAYS: '365', MINA_RETENTION_KEEP_TASKS: 'true' } });
    await stopScheduledRecordingSweep(t.app, 'sweep-recordings');
    await stopScheduledRecordingSweep(t.app, 'apply-retention');
    db = new pg.Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    retention = t.app.get(ContentRetention, { strict: false });
    for (const key of ['a', 'b', 'c', 'admin', 'member', 'viewer', 'outsider'] as const) users[key] = await registerUser(t.url, `Retention ${key}`);
    await join(users.a, users.admin, 'admin');
    await join(users.a, users.member, 'member');
    await join(users.a, users.viewer, 'viewer');

    await t.http.put(`/api/workspaces/${users.a.workspaceId}`).set(as(users.a)).send({ settings: { retention: { transcriptDays: 30, audioDays: 60, keepTasks: false } } }).expect(200);
    await t.http.put(`/api/workspaces/${users.c.workspaceId}`).set(as(users.c)).send({ settings: { retention: { transcriptDays: null } } }).expect(200);

    heldMeetingId = ((await t.http.post('/api/meetings').set(as(users.a)).send({ title: 'Litigation review' }).expect(201)).body as { id: string }).id;
    await seed('a old', users.a, 40);
    await seed('a old error, with audio', users.a, 31, { status: 'error' });
    await record('a old error, with audio', 61);
    await seed('a recent', users.a, 10);
    await seed('a held', users.a, 100, { meetingId: heldMeetingId });
    await seed('a held second', users.a, 100, { meetingId: heldMeetingId });
    await record('a held', 100);
    await seed('a processing', users.a, 100, { status: 'processing' });
    await seed('a untranscribed', users.a, 100, { transcription: { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: 500 } });
    await seed('a standalone, held on its own', users.a, 100);
    await seed('b old', users.b, 400);
    await seed('b younger than the instance default', users.b, 200);
    await seed('c ancient', users.c, 1000);
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('validates the policy setting and lets only owners and admins change it', async () => {
    const put = (user: SignedIn, retention: unknown) => t.http.put(`/api/workspaces/${users.a.workspaceId}`).set(as(user, users.a.workspaceId)).send({ settings: { retention } });
    for (const bad of [{ transcriptDays: 0 }, { audioDays: 36_501 }, { transcriptDays: 1.5 }, { keepTasks: 'no' }, { forever: true }]) {
      const res = await put(users.a, bad);
      expect({ bad, status: res.status, code: (res.body as { code?: string }).code }).toMatchObject({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await put(users.member, { transcriptDays: 1 })).status).toBe(403);
    expect((await put(users.viewer, { transcriptDays: 1 })).status).toBe(403);
    const ws = await t.http.get(`/api/workspaces/${users.a.workspaceId}`).set(as(users.admin, users.a.workspaceId)).expect(200);
    expect((ws.body as { settings: unknown }).settings).toMatchObject({ retention: { transcriptDays: 30, audioDays: 60, keepTasks: false } });
  });

  it('puts a meeting under legal hold (owners and admins only, audited) and shows it in the meeting view', async () => {
    const hold = (user: SignedIn, body: object, meetingId = heldMeetingId) => t.http.put(`/api/meetings/${meetingId}/legal-hold`).set(as(user, users.a.workspaceId)).send(body);
    expect((await hold(users.member, { hold: true })).status).toBe(403);
    expect((await hold(users.viewer, { hold: true })).status).toBe(403);
    expect((await hold(users.outsider, { hold: true })).status).toBe(404);
    expect((await hold(users.admin, {})).status).toBe(400);
    expect((await hold(users.admin, { hold: 'yes' })).status).toBe(400);
    expect((await hold(users.admin, { hold: true, reason: 'x'.repeat(1001) })).status).toBe(400);
    expect((await hold(users.admin, { hold: true }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const res = await hold(users.admin, { hold: true, reason: '  Matter 2031-17  ' }).expect(200);
    expect(res.body).toMatchObject({ id: heldMeetingId, legalHold: true, legalHoldReason: 'Matter 2031-17', legalHoldBy: users.admin.userId });
    const meeting = (await t.http.get(`/api/meetings/${heldMeetingId}`).set(as(users.member, users.a.workspaceId)).expect(200)).body as Record<string, unknown>;
    expect(meeting).toMatchObject({ legalHold: true, legalHoldReason: 'Matter 2031-17', legalHoldBy: users.admin.userId });
    expect(Date.parse(meeting.legalHoldAt as string)).toBeGreaterThan(NOW.getTime() - 60_000);
    const listed = (await t.http.get(`/api/meetings?filter=${encodeURIComponent(JSON.stringify({ id: [heldMeetingId] }))}`).set(as(users.a)).expect(200)).body as Record<string, unknown>[];
    expect(listed[0]).toMatchObject({ legalHold: true, legalHoldReason: 'Matter 2031-17' });

    // The meeting's own update neither sets nor clears a hold, but takes its view back unchanged; a held meeting cannot be deleted.
    await t.http.put(`/api/meetings/${heldMeetingId}`).set(as(users.a)).send({ ...meeting, title: 'Litigation review (held)' }).expect(200);
    const sneaky = await t.http.put(`/api/meetings/${heldMeetingId}`).set(as(users.a)).send({ legalHold: false });
    expect({ status: sneaky.status, code: (sneaky.body as { code?: string }).code }).toEqual({ status: 400, code: 'READ_ONLY_FIELD' });
    const del = await t.http.delete(`/api/meetings/${heldMeetingId}`).set(as(users.a));
    expect({ status: del.status, code: (del.body as { code?: string }).code }).toEqual({ status: 409, code: 'LEGAL_HOLD' });

    const [entry] = await audits('meeting.legal_hold');
    expect(entry).toMatchObject({ workspace_id: users.a.workspaceId, actor_id: users.admin.userId, target: `meeting:${heldMeetingId}`, data: { reason: 'Matter 2031-17', wasHeld: false } });
  });

  it('holds a session without a meeting on its own (owners and admins only, audited) and shows it in the session view', async () => {
    const id = s['a standalone, held on its own'].id;
    const hold = (user: SignedIn, body: object) => t.http.put(`/api/sessions/${id}/legal-hold`).set(as(user, users.a.workspaceId)).send(body);
    expect((await hold(users.member, { hold: true })).status).toBe(403);
    expect((await hold(users.outsider, { hold: true })).status).toBe(404);
    expect((await t.http.put(`/api/sessions/00000000-0000-4000-8000-000000000000/legal-hold`).set(as(users.a)).send({ hold: true })).status).toBe(404);
    expect((await hold(users.a, { hold: true, reason: 'Custodian: finance' }).expect(200)).body).toMatchObject({ id, legalHold: true, legalHoldReason: 'Custodian: finance', legalHoldBy: users.a.userId });
    const view = (await t.http.get(`/api/sessions/${id}`).set(as(users.viewer, users.a.workspaceId)).expect(200)).body as Record<string, unknown>;
    expect(view).toMatchObject({ legalHold: true, legalHoldReason: 'Custodian: finance', legalHoldBy: users.a.userId, meetingId: null });
    expect(Date.parse(view.legalHoldAt as string)).toBeGreaterThan(NOW.getTime() - 60_000);
    expect(await audits('session.legal_hold')).toMatchObject([{ actor_id: users.a.userId, target: `session:${id}`, data: { reason: 'Custodian: finance', wasHeld: false } }]);
    const other = (await t.http.get(`/api/sessions/${s['a recent'].id}`).set(as(users.a)).expect(200)).body as Record<string, unknown>;
    expect(other).toMatchObject({ legalHold: false, legalHoldReason: null, legalHoldAt: null, legalHoldBy: null });
  });

  it('previews what the next run would delete, for owners and admins only', async () => {
    const url = `/api/workspaces/${users.a.workspaceId}/retention/preview?limit=100`;
    expect((await t.http.get(url).set(as(users.member, users.a.workspaceId))).status).toBe(403);
    expect((await t.http.get(url).set(as(users.viewer, users.a.workspaceId))).status).toBe(403);
    expect((await t.http.get(url).set(as(users.outsider, users.a.workspaceId))).status).toBe(404);
    expect((await t.http.get(`/api/workspaces/${users.a.workspaceId}/retention/preview?limit=0`).set(as(users.a))).status).toBe(400);
    expect((await t.http.get(`/api/workspaces/${users.a.workspaceId}/retention/preview?limit=101`).set(as(users.a))).status).toBe(400);
    await t.http.get(url).set(as(users.admin, users.a.workspaceId)).expect(200);
    preview = (await t.http.get(url).set(as(users.a)).expect(200)).body as RetentionPreview;

    expect(preview.policy).toMatchObject({ transcriptDays: 30, audioDays: 60, keepTasks: false, keepAudio: true, source: { transcriptDays: 'workspace', audioDays: 'workspace', keepTasks: 'workspace' } });
    expect(preview.counts).toEqual({ sessions: 2, segments: 6, summaries: 2, analytics: 2, markers: 2, tasks: 4, recordings: 1 });
    expect(preview.truncated).toBe(false);
    // Oldest first: the session that ended 40 days ago, then the one that ended 31 days ago (whose audio goes too).
    expect(preview.sessions.map((x) => ({ id: x.id, title: x.title, transcript: x.transcript, segments: x.segments, tasks: x.tasks, audio: x.audio }))).toEqual([
      { id: s['a old'].id, title: 'a old', transcript: true, segments: 3, tasks: 2, audio: null },
      { id: s['a old error, with audio'].id, title: 'a old error, with audio', transcript: true, segments: 3, tasks: 2, audio: 'retention' },
    ]);
    const limited = (await t.http.get(`/api/workspaces/${users.a.workspaceId}/retention/preview?limit=1`).set(as(users.a)).expect(200)).body as RetentionPreview;
    expect({ sessions: limited.sessions.map((x) => x.id), counts: limited.counts }).toEqual({ sessions: [s['a old'].id], counts: preview.counts });

    // b follows the instance default (a year, tasks kept); c keeps forever.
    const b = (await t.http.get(`/api/workspaces/${users.b.workspaceId}/retention/preview`).set(as(users.b)).expect(200)).body as RetentionPreview;
    expect(b.policy).toMatchObject({ transcriptDays: 365, keepTasks: true, source: { transcriptDays: 'instance', keepTasks: 'instance' } });
    expect(b.instanceDefaults).toEqual({ transcriptDays: 365, audioDays: null, keepTasks: true });
    expect({ ids: b.sessions.map((x) => x.id), counts: b.counts }).toEqual({ ids: [s['b old'].id], counts: { sessions: 1, segments: 3, summaries: 1, analytics: 1, markers: 1, tasks: 0, recordings: 0 } });
    const c = (await t.http.get(`/api/workspaces/${users.c.workspaceId}/retention/preview`).set(as(users.c)).expect(200)).body as RetentionPreview;
    expect({ days: c.policy.transcriptDays, sessions: c.counts.sessions }).toEqual({ days: null, sessions: 0 });
  });

  it('deletes exactly what the preview listed, keeps held, unfinished and untranscribed sessions, and audits each workspace', async () => {
    const run = await retention.run(new Date());
    // Every workspace with a policy: a, b, and the personal workspaces of the other users (the instance default); not c.
    expect(run).toEqual({ workspaces: 6, counts: { sessions: 3, segments: 9, summaries: 3, analytics: 3, markers: 3, tasks: 4 } });

    for (const name of ['a old', 'a old error, with audio']) expect({ name, ...(await content(s[name].id)) }).toEqual({ name, segments: 0, summaries: 0, analytics: 0, markers: 0, tasks: 0 });
    // b keeps tasks (instance default): the transcript goes, the tasks stay, without what quoted it.
    expect(await content(s['b old'].id)).toEqual({ ...FULL, segments: 0, summaries: 0, analytics: 0, markers: 0 });
    expect(await tasks(s['b old'].id)).toEqual([
      { title: 'b old first task', description: null, evidence: null },
      { title: 'b old second task', description: 'Written by a person', evidence: null },
    ]);
    expect(await tasks(s['b younger than the instance default'].id)).toEqual([
      { title: 'b younger than the instance default first task', description: 'Ana: b younger than the instance default words 1', evidence: 'b younger than the instance default words 1' },
      { title: 'b younger than the instance default second task', description: 'Written by a person', evidence: null },
    ]);
    for (const name of ['a recent', 'a held', 'a held second', 'a standalone, held on its own', 'a processing', 'a untranscribed', 'b younger than the instance default', 'c ancient']) {
      expect({ name, ...(await content(s[name].id)) }).toEqual({ name, ...FULL });
    }

    const entries = await audits('retention.applied');
    expect(entries).toHaveLength(6);
    expect(entries.some((e) => e.workspace_id === users.c.workspaceId)).toBe(false);
    const a = entries.find((e) => e.workspace_id === users.a.workspaceId)!;
    expect(a.actor_id).toBeNull();
    const { recordings: _audio, ...transcriptCounts } = preview.counts;
    expect(a.data).toMatchObject({ counts: transcriptCounts, policy: { transcriptDays: 30, keepTasks: false } });
    expect(a.data.sessionIds).toEqual(preview.sessions.filter((x) => x.transcript).map((x) => x.id));
  });

  it('leaves a tombstone the session view explains', async () => {
    const view = (await t.http.get(`/api/sessions/${s['a old'].id}`).set(as(users.member, users.a.workspaceId)).expect(200)).body as Record<string, unknown>;
    expect(view).toMatchObject({ id: s['a old'].id, title: 'a old', status: 'completed', speakerNames: {}, contentDeleted: { reason: 'retention', policyDays: 30, tasksKept: false } });
    expect(Date.parse((view.contentDeleted as { at: string }).at)).toBeGreaterThanOrEqual(NOW.getTime());
    expect((await t.http.get(`/api/sessions/${s['a old'].id}/segments`).set(as(users.a)).expect(200)).body).toEqual([]);
    const b = (await t.http.get(`/api/sessions/${s['b old'].id}`).set(as(users.b)).expect(200)).body as Record<string, unknown>;
    expect(b.contentDeleted).toMatchObject({ reason: 'retention', policyDays: 365, tasksKept: true });
    const kept = (await t.http.get(`/api/sessions/${s['a recent'].id}`).set(as(users.a)).expect(200)).body as Record<string, unknown>;
    expect(kept).not.toHaveProperty('contentDeleted');
  });

  it('deletes nothing on a second run, and still audits it', async () => {
    expect(await retention.run(new Date())).toEqual({ workspaces: 6, counts: { sessions: 0, segments: 0, summaries: 0, analytics: 0, markers: 0, tasks: 0 } });
    const entries = await audits('retention.applied');
    expect(entries).toHaveLength(12);
    expect(entries.filter((e) => e.workspace_id === users.a.workspaceId)).toHaveLength(2);
    expect(entries.slice(6).every((e) => (e.data.counts as { sessions: number }).sessions === 0)).toBe(true);
    const again = (await t.http.get(`/api/workspaces/${users.a.workspaceId}/retention/preview`).set(as(users.a)).expect(200)).body as RetentionPreview;
    expect(again.counts).toEqual({ sessions: 0, segments: 0, summaries: 0, analytics: 0, markers: 0, tasks: 0, recordings: 1 });
  });

  it('sweeps audio by the same policy, never a held meeting\'s', async () => {
    const sweep = t.app.get(RecordingSweep, { strict: false });
    expect(await sweep.run(new Date())).toEqual({ deleted: 1, failed: 0, more: false });
    const { rows } = await db.query<{ session_id: string; deleted_reason: string | null }>('select session_id, deleted_reason from recording order by created_at');
    expect(rows).toEqual([
      { session_id: s['a held'].id, deleted_reason: null },
      { session_id: s['a old error, with audio'].id, deleted_reason: 'retention' },
    ]);
  });

  it('refuses to delete a workspace holding a held meeting or session, and says how many', async () => {
    const del = await t.http.delete(`/api/workspaces/${users.a.workspaceId}`).set(as(users.a));
    expect({ status: del.status, body: del.body as unknown }).toMatchObject({ status: 409, body: { code: 'LEGAL_HOLD', details: { heldMeetings: 1, heldSessions: 1 } } });
    await t.http.get(`/api/workspaces/${users.a.workspaceId}`).set(as(users.a)).expect(200);
    expect(await content(s['a held'].id)).toEqual(FULL);
    // A workspace without holds still goes.
    const spare = await registerUser(t.url, 'Retention spare');
    await t.http.delete(`/api/workspaces/${spare.workspaceId}`).set(as(spare)).expect(204);
  });

  it('releases the hold (audited), after which the job deletes the held sessions', async () => {
    await t.http.put(`/api/meetings/${heldMeetingId}/legal-hold`).set(as(users.a)).send({ hold: false }).expect(200);
    const meeting = (await t.http.get(`/api/meetings/${heldMeetingId}`).set(as(users.a)).expect(200)).body as Record<string, unknown>;
    expect(meeting).toMatchObject({ legalHold: false, legalHoldReason: null, legalHoldAt: null, legalHoldBy: null });
    expect(await audits('meeting.legal_hold_released')).toMatchObject([{ actor_id: users.a.userId, data: { wasHeld: true, previousReason: 'Matter 2031-17' } }]);

    const next = (await t.http.get(`/api/workspaces/${users.a.workspaceId}/retention/preview`).set(as(users.a)).expect(200)).body as RetentionPreview;
    expect(next.sessions.map((x) => x.id).sort()).toEqual([s['a held'].id, s['a held second'].id].sort());

    // Through the queue and the registry's handler, on the real clock.
    const queue = t.app.get(PipelineQueues).queue('retention');
    const job = await queue.add('apply-retention', {});
    for (let i = 0; i < 100 && !(await job.isCompleted()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await queue.getJob(job.id!))?.returnvalue).toMatchObject({ counts: { sessions: 2, tasks: 4 } });
    expect(await content(s['a held'].id)).toEqual({ segments: 0, summaries: 0, analytics: 0, markers: 0, tasks: 0 });
  });

  it('sees a meeting hold committed while a batch deletes, instead of the snapshot its statement started with', async () => {
    const meetingId = ((await t.http.post('/api/meetings').set(as(users.a)).send({ title: 'Held mid-batch' }).expect(201)).body as { id: string }).id;
    const { id } = await seed('a held mid-batch', users.a, 100, { meetingId });
    const holder = new pg.Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('update meeting set legal_hold = true, legal_hold_at = now() where id = $1', [meetingId]);
      const repo = t.app.get(ContentRetentionRepository, { strict: false });
      const tombstone = { at: new Date().toISOString(), reason: 'retention' as const, policyDays: 30, tasksKept: false };
      let settled = false;
      const deleting = withContext(t.app.get(MikroORM), () => repo.deleteContent(users.a.workspaceId, [id], tombstone, false)).finally(() => (settled = true));
      // Commit the hold once the batch waits on it (or, without the lock, once the batch is done).
      const waiting = async () => (await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n > 0;
      for (let i = 0; i < 200 && !settled && !(await waiting()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      await holder.query('commit');
      expect((await deleting).ids).toEqual([]);
    } finally {
      await holder.end();
    }
    expect(await content(id)).toEqual(FULL);
  });

  it('migrates recordings.retentionDays to retention.audioDays, and back', async () => {
    const migrator = t.app.get(MikroORM).migrator;
    await db.query(`update workspace set settings = $1 where id = $2`, [{ recordings: { keep: true }, retention: { audioDays: 30, transcriptDays: 90 } }, users.b.workspaceId]);
    await migrator.down({ to: 'Migration20261208130000' });
    const settings = async () => (await db.query<{ settings: unknown }>('select settings from workspace where id = $1', [users.b.workspaceId])).rows[0].settings;
    expect(await settings()).toEqual({ recordings: { keep: true, retentionDays: 30 } });
    await migrator.up();
    expect(await settings()).toEqual({ recordings: { keep: true }, retention: { audioDays: 30 } });
  });
});
