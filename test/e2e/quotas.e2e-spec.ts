import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Issue 11 item 3: nothing a user fills is unbounded; each quota is refused with QUOTA_EXCEEDED {quota, limit}. */
const LIMITS = {
  MINA_MAX_WORKSPACES_PER_USER: '30',
  MINA_MAX_MEMBERS_PER_WORKSPACE: '3',
  MINA_MAX_SPEAKERS_PER_SESSION: '3',
  MINA_MAX_LIVE_SESSIONS_PER_USER: '2',
  MINA_MAX_LIVE_SESSIONS_PER_WORKSPACE: '3',
  MINA_MAX_MEETING_PARTICIPANTS: '2',
  MINA_MAX_MARKERS_PER_SESSION: '2',
  MINA_MAX_TASK_DEPENDENCY_DEPTH: '3',
};

function expectQuota(res: { status: number; body: Record<string, unknown> }, quota: string, limit: number): void {
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ statusCode: 409, code: 'QUOTA_EXCEEDED', details: { quota, limit } });
  expect(typeof res.body.message).toBe('string');
}

describe('quotas and bounded input', () => {
  let t: TestApp;
  let db: pg.Client;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ env: LIMITS });
    db = new pg.Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    owner = await registerUser(t.url, 'Owner');
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('workspace settings', () => {
    const put = (settings: unknown) => t.http.put(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).send({ settings });

    it('refuses 1 MB of settings', async () => {
      const res = await put({ language: 'x'.repeat(1_000_000) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'settings.language' } });
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
    });

    it('refuses a key the schema does not know, naming it', async () => {
      const res = await put({ language: 'en', theme: 'dark' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_SETTING', details: { keys: ['theme'], known: ['language', 'summaryLanguage', 'recordings', 'retention', 'summaryTemplate', 'vocabulary'] } });
      const ws = await t.http.get(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).expect(200);
      expect(ws.body.settings).toEqual({});
    });

    it('sets, keeps and removes known keys; GET one shows them', async () => {
      // recordings.retentionDays is the former name of retention.audioDays: stored under the new one.
      const set = await put({ language: 'pt-BR', recordings: { keep: true, retentionDays: 30 } }).expect(200);
      expect(set.body.settings).toEqual({ language: 'pt-BR', recordings: { keep: true }, retention: { audioDays: 30 } });
      expect((await put({ recordings: { retentionDays: 0 } }).expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'settings.recordings' } });
      const res = await put({ recordings: null, retention: null }).expect(200);
      expect(res.body.settings).toEqual({ language: 'pt-BR' });
      const ws = await t.http.get(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).expect(200);
      expect(ws.body.settings).toEqual({ language: 'pt-BR' });
    });

    it('documents the schema in OpenAPI', async () => {
      const doc = await t.http.get('/docs-json').expect(200);
      const settings = doc.body.components.schemas.UpdateWorkspaceDto.properties.settings;
      expect(settings).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(settings.properties)).toEqual(['language', 'summaryLanguage', 'recordings', 'retention', 'summaryTemplate', 'vocabulary']);
    });
  });

  describe('workspaces', () => {
    it('lists summaries only, a bounded size per item, while GET one still reads settings stored before the schema', async () => {
      const user = await registerUser(t.url, 'Hoarder');
      for (let i = 1; i < 30; i++) await t.http.post('/api/workspaces').set(as(user)).send({ name: `Space ${i}` }).expect(201);
      // What the old API let anyone store: 200 KB of arbitrary JSON in every workspace.
      await db.query(
        `update workspace set settings = jsonb_build_object('blob', repeat('x', 200000), 'language', 'en')
          where id in (select workspace_id from membership where user_id = $1)`,
        [user.userId],
      );
      const list = await t.http.get('/api/workspaces').query({ range: '[0,99]' }).set(as(user)).expect(200);
      expect(list.body).toHaveLength(30);
      expect(list.headers['content-range']).toBe('workspaces 0-29/30');
      for (const item of list.body as Record<string, unknown>[]) {
        expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'name', 'role', 'slug']);
        expect(JSON.stringify(item).length).toBeLessThan(400);
      }
      const one = await t.http.get(`/api/workspaces/${user.workspaceId}`).set(as(user)).expect(200);
      expect(one.body.settings.blob).toHaveLength(200_000);
      // Renaming, or changing a known key, leaves what was stored before the schema readable.
      const renamed = await t.http.put(`/api/workspaces/${user.workspaceId}`).set(as(user)).send({ name: 'Renamed', settings: { language: 'de' } }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'Renamed', settings: { language: 'de' } });
      expect(renamed.body.settings.blob).toHaveLength(200_000);
      // A client that PUTs back what it read (the admin console's edit form) is not refused for the old key…
      await t.http.put(`/api/workspaces/${user.workspaceId}`).set(as(user)).send({ name: 'Again', settings: renamed.body.settings }).expect(200);
      // …but cannot grow it.
      const grown = await t.http.put(`/api/workspaces/${user.workspaceId}`).set(as(user)).send({ settings: { blob: 'y'.repeat(300_000) } });
      expect(grown.body).toMatchObject({ code: 'UNKNOWN_SETTING', details: { keys: ['blob'] } });
      const me = await t.http.get('/api/me').set(as(user)).expect(200);
      expect(JSON.stringify(me.body).length).toBeLessThan(30 * 400);
    });

    it('refuses a workspace past the owner’s quota, even when asked for many at once', async () => {
      const user = await registerUser(t.url, 'Greedy');
      for (let i = 1; i < 25; i++) await t.http.post('/api/workspaces').set(as(user)).send({ name: `W${i}` }).expect(201);
      const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => t.http.post('/api/workspaces').set(as(user)).send({ name: `Burst ${i}` })));
      expect(burst.filter((r) => r.status === 201)).toHaveLength(5);
      for (const res of burst.filter((r) => r.status !== 201)) expectQuota(res, 'workspacesPerUser', 30);
      const list = await t.http.get('/api/workspaces').set(as(user)).expect(200);
      expect(list.headers['content-range']).toMatch(/\/30$/);
    });
  });

  describe('members, meetings, sessions, tasks', () => {
    let lead: SignedIn;
    let members: SignedIn[];

    beforeAll(async () => {
      lead = await registerUser(t.url, 'Lead');
      members = [await registerUser(t.url, 'Ann'), await registerUser(t.url, 'Ben'), await registerUser(t.url, 'Cy')];
    });

    it('refuses a member past the workspace’s quota', async () => {
      for (const m of members.slice(0, 2)) {
        const invited = await t.http.post(`/api/workspaces/${lead.workspaceId}/members`).set(as(lead)).send({ email: m.email, role: 'member' }).expect(201);
        await t.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set({ Authorization: `Bearer ${m.accessToken}` }).expect(200);
      }
      const res = await t.http.post(`/api/workspaces/${lead.workspaceId}/members`).set(as(lead)).send({ email: members[2].email, role: 'member' });
      expectQuota(res, 'membersPerWorkspace', 3);
    });

    it('refuses a meeting with more participants than its quota', async () => {
      const participants = [lead, ...members.slice(0, 2)].map((m) => ({ userId: m.userId }));
      expectQuota(await t.http.post('/api/meetings').set(as(lead)).send({ title: 'Crowd', participants }), 'participantsPerMeeting', 2);
      const meeting = await t.http.post('/api/meetings').set(as(lead)).send({ title: 'Pair', participants: participants.slice(0, 2) }).expect(201);
      expectQuota(await t.http.put(`/api/meetings/${meeting.body.id}`).set(as(lead)).send({ participants }), 'participantsPerMeeting', 2);
    });

    it('refuses sessions past the per-user and per-workspace quotas of sessions not finalized, and frees a place on finalize', async () => {
      const create = (who: SignedIn) => t.http.post('/api/sessions').set(as(who, lead.workspaceId)).send({ title: 'Live' });
      const burst = await Promise.all(Array.from({ length: 5 }, () => create(lead)));
      expect(burst.filter((r) => r.status === 201)).toHaveLength(2);
      for (const res of burst.filter((r) => r.status !== 201)) expectQuota(res, 'liveSessionsPerUser', 2);
      await create(members[0]).expect(201);
      expectQuota(await create(members[1]), 'liveSessionsPerWorkspace', 3);
      const first = burst.find((r) => r.status === 201)!;
      await t.http.post(`/api/sessions/${first.body.id}/finalize`).set(as(lead)).expect(202);
      await create(members[1]).expect(201);
    });

    it('still links a session to its meeting when created under the quota check', async () => {
      const user = await registerUser(t.url, 'Linker');
      const meeting = await t.http.post('/api/meetings').set(as(user)).send({ title: 'Linked' }).expect(201);
      const session = await t.http.post('/api/sessions').set(as(user)).send({ title: 'Linked', meetingId: meeting.body.id }).expect(201);
      const read = await t.http.get(`/api/meetings/${meeting.body.id}`).set(as(user)).expect(200);
      expect(read.body.sessionId).toBe(session.body.id);
    });

    it('keeps at most the quota of speaker names per session, and names stored before stay readable', async () => {
      const session = await t.http.post('/api/sessions').set(as(owner)).send({ title: 'Speakers' }).expect(201);
      const rename = (speakers: Record<string, string>) => t.http.patch(`/api/sessions/${session.body.id}/speakers`).set(as(owner)).send({ speakers });
      expectQuota(await rename({ A: 'Ann', B: 'Ben', C: 'Cy', D: 'Di' }), 'speakersPerSession', 3);
      await rename({ A: 'Ann', B: 'Ben', C: 'Cy' }).expect(200);
      expectQuota(await rename({ D: 'Di' }), 'speakersPerSession', 3);
      await rename({ C: '', D: 'Di' }).expect(200);
      const names = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`S${i}`, `Name ${i}`]));
      await db.query('update session set speaker_names = $1 where id = $2', [JSON.stringify(names), session.body.id]);
      const read = await t.http.get(`/api/sessions/${session.body.id}`).set(as(owner)).expect(200);
      expect(Object.keys(read.body.speakerNames)).toHaveLength(50);
      const renamed = await rename({ S0: 'Zoe' }).expect(200);
      expect(renamed.body.speakerNames.S0).toBe('Zoe');
    });

    it('refuses a marker past the session’s quota', async () => {
      const session = await t.http.post('/api/sessions').set(as(owner)).send({ title: 'Markers' }).expect(201);
      const mark = () => t.http.post('/api/markers').set(as(owner)).send({ sessionId: session.body.id, type: 'todo', content: 'Note', atMs: 1000 });
      await mark().expect(201);
      await mark().expect(201);
      expectQuota(await mark(), 'markersPerSession', 2);
    });

    it('refuses a chain of dependent tasks longer than its quota, from either end', async () => {
      const task = async (title: string, dependsOnId?: string) =>
        (await t.http.post('/api/tasks').set(as(owner)).send({ title, ...(dependsOnId ? { dependsOnId } : {}) }).expect(201)).body.id as string;
      const t1 = await task('one');
      const t2 = await task('two', t1);
      const t3 = await task('three', t2);
      expectQuota(await t.http.post('/api/tasks').set(as(owner)).send({ title: 'four', dependsOnId: t3 }), 'taskDependencyDepth', 3);
      const t0 = await task('zero');
      expectQuota(await t.http.put(`/api/tasks/${t1}`).set(as(owner)).send({ dependsOnId: t0 }), 'taskDependencyDepth', 3);
      await t.http.put(`/api/tasks/${t2}`).set(as(owner)).send({ dependsOnId: t0 }).expect(200);
    });

    it('bounds numbers too: a task source timestamp past a week is refused', async () => {
      const res = await t.http.post('/api/tasks').set(as(owner)).send({ title: 'far', sourceStartMs: 1e15 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
