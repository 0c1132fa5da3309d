import { recordOf, unpackAbility, type PackedRules } from '@mina/contract/roles';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type DbKind, type TestApp } from '../support/test-app.js';

const ADMIN = { email: 'root@mina.test', password: 'admin-password-1' };

/** The caller's rules in a workspace as GET /api/me sends them to the console, unpacked. */
async function consoleAbility(t: TestApp, user: SignedIn, workspaceId: string) {
  const me = await t.http.get('/api/me').set(as(user)).expect(200);
  const membership = (me.body.memberships as { workspaceId: string; rules: PackedRules }[]).find((m) => m.workspaceId === workspaceId);
  return unpackAbility(membership?.rules ?? (me.body.rules as PackedRules));
}

function expectErrorShape(body: Record<string, unknown>, status: number, code: string): void {
  expect(body).toMatchObject({ statusCode: status, code });
  expect(typeof body.message).toBe('string');
  expect(typeof body.requestId).toBe('string');
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|select .* from|insert into/i);
}

/** The foundation's end-to-end checks; run against PostgreSQL and against embedded PGlite. */
export function defineFoundationSuite(db: DbKind): void {
  describe(`foundation (${db})`, () => {
    let t: TestApp;
    let alice: SignedIn;
    let bob: SignedIn;
    let admin: { accessToken: string };

    beforeAll(async () => {
      // The account-wide and per-client ceilings at the per-(account, client) limit, so 10 guesses show each one.
      t = await startTestApp({
        db,
        env: { MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password, MINA_LOGIN_ACCOUNT_FAILURES_PER_MINUTE: '10', MINA_LOGIN_CLIENT_FAILURES_PER_MINUTE: '10' },
      });
      alice = await registerUser(t.url, 'Alice');
      bob = await registerUser(t.url, 'Bob');
      const login = await t.http.post('/api/auth/login').send(ADMIN);
      admin = login.body;
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('health and docs', () => {
      it('reports live and ready with database and redis up', async () => {
        expect((await t.http.get('/health/live')).status).toBe(200);
        const ready = await t.http.get('/health/ready');
        expect(ready.status).toBe(200);
        expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, audioDecoding: { status: 'up', ffmpeg: true } });
      });

      it('serves the OpenAPI document and Prometheus metrics', async () => {
        const doc = await t.http.get('/docs-json');
        expect(doc.status).toBe(200);
        expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/meetings', '/api/tasks/{id}']));
        const metrics = await t.http.get('/metrics');
        expect(metrics.status).toBe(200);
        expect(metrics.text).toMatch(/mina_http_request_duration_seconds_bucket\{[^}]*route="\/health\/ready"/);
        expect(metrics.text).toMatch(/mina_process_cpu_seconds_total/);
      });

      it('sets security headers and a request id', async () => {
        const res = await t.http.get('/health/live').set('X-Request-Id', 'trace-123');
        expect(res.headers['x-request-id']).toBe('trace-123');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
      });
    });

    describe('registration and login', () => {
      it('creates a personal workspace owned by the new user', async () => {
        const me = await t.http.get('/api/me').set(as(alice));
        expect(me.status).toBe(200);
        expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceId: alice.workspaceId, role: 'owner' })]);
        expect(me.body).not.toHaveProperty('passwordHash');
      });

      it('makes no second account for the same email, whatever its case, and does not say so', async () => {
        const res = await t.http.post('/api/auth/register').send({ email: alice.email.toUpperCase(), password: 'another password', name: 'X' });
        expect(res.status).toBe(201);
        expect(res.body).not.toHaveProperty('accessToken');
        await t.http.post('/api/auth/login').send({ email: alice.email, password: 'another password' }).expect(401);
      });

      it('answers unknown email and wrong password identically', async () => {
        const unknown = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.0.0.1').send({ email: 'nobody@example.com', password: 'whatever123' });
        const wrong = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.0.0.1').send({ email: alice.email, password: 'wrong password' });
        expect(unknown.status).toBe(401);
        expect(wrong.status).toBe(401);
        const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
        expect(strip(unknown.body)).toEqual(strip(wrong.body));
        expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
      });

      it('logs in case-insensitively and records the login time', async () => {
        const res = await t.http.post('/api/auth/login').send({ email: alice.email.toUpperCase(), password: 'correct horse battery' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ expiresIn: 900, user: { id: alice.userId } });
        expect(res.body.user.lastLoginAt).not.toBeNull();
      });

      it('throttles an account after 10 failures a minute, even with the right password', async () => {
        const victim = await registerUser(t.url, 'Victim');
        for (let i = 0; i < 10; i++) {
          // Each guess from a different address: the per-account counter alone must stop them.
          const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', `10.1.0.${i}`).send({ email: victim.email, password: `guess-${i}` });
          expect(res.status).toBe(401);
        }
        const blocked = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.1.1.1').send({ email: victim.email, password: 'correct horse battery' });
        expectErrorShape(blocked.body, 429, 'RATE_LIMITED');
        expect(blocked.body.details.retryAfterSeconds).toBeGreaterThan(0);
      });

      it('throttles an address after 10 failures a minute across accounts', async () => {
        for (let i = 0; i < 10; i++) {
          const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.2.0.1').send({ email: `spray${i}@example.com`, password: 'Winter2026!' });
          expect(res.status).toBe(401);
        }
        const blocked = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.2.0.1').send({ email: alice.email, password: 'correct horse battery' });
        expectErrorShape(blocked.body, 429, 'RATE_LIMITED');
        const elsewhere = await t.http.post('/api/auth/login').set('X-Forwarded-For', '10.2.0.2').send({ email: alice.email, password: 'correct horse battery' });
        expect(elsewhere.status).toBe(200);
      });
    });

    describe('tokens', () => {
      it('rotates refresh tokens and revokes the family when a dead one is reused', async () => {
        const user = await registerUser(t.url, 'Rotator');
        const first = await t.http.post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
        expect(first.status).toBe(200);
        expect(first.body.refreshToken).not.toBe(user.refreshToken);
        const second = await t.http.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
        expect(second.status).toBe(200);

        const reuse = await t.http.post('/api/auth/refresh').send({ refreshToken: user.refreshToken });
        expectErrorShape(reuse.body, 401, 'REFRESH_TOKEN_REUSED');
        // The thief's reuse killed the legitimate holder's current token too.
        const current = await t.http.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
        expect(current.status).toBe(401);
      });

      it('lets only one of two racing refreshes with the same token win', async () => {
        const user = await registerUser(t.url, 'Racer');
        const results = await Promise.all([1, 2].map(() => request(t.url).post('/api/auth/refresh').send({ refreshToken: user.refreshToken })));
        expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      });

      it('logs out by revoking the refresh token', async () => {
        const user = await registerUser(t.url, 'Leaver');
        expect((await t.http.post('/api/auth/logout').send({ refreshToken: user.refreshToken })).status).toBe(204);
        expect((await t.http.post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status).toBe(401);
      });

      it.each([
        ['missing', undefined, 'UNAUTHENTICATED'],
        ['garbage', 'not-a-jwt', 'TOKEN_INVALID'],
      ])('refuses a %s token', async (_, token, code) => {
        const req = t.http.get('/api/me');
        if (token) req.set('Authorization', `Bearer ${token}`);
        const res = await req;
        expectErrorShape(res.body, 401, code);
      });

      it('refuses a tampered, an alg=none and an expired token', async () => {
        const [h, p] = alice.accessToken.split('.');
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: bob.userId })).toString('base64url')}.${alice.accessToken.split('.')[2]}`;
        const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
        const expired = await new JwtService({ secret: t.config.jwtSecret }).signAsync(
          { sub: alice.userId, ver: 0, typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 },
          { issuer: 'mina' },
        );
        const otherKey = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub: alice.userId, ver: 0, typ: 'access' }, { issuer: 'mina' });
        for (const token of [tampered, none, otherKey]) {
          const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`);
          expectErrorShape(res.body, 401, 'TOKEN_INVALID');
        }
        const res = await t.http.get('/api/me').set('Authorization', `Bearer ${expired}`);
        expectErrorShape(res.body, 401, 'TOKEN_EXPIRED');
      });
    });

    describe('request validation', () => {
      it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
        const res = await t.http.post('/api/meetings').set(as(alice)).set('Content-Type', 'application/json').send('{"title": ');
        expectErrorShape(res.body, 400, 'MALFORMED_JSON');
      });

      it('refuses unknown fields', async () => {
        const res = await t.http.post('/api/meetings').set(as(alice)).send({ title: 'ok', isAdmin: true });
        expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
        expect(res.body.message).toContain('isAdmin');
      });

      it('refuses bodies over the limit with 413', async () => {
        const res = await t.http.post('/api/meetings').set(as(alice)).send({ title: 'x'.repeat(1_100_000) });
        expectErrorShape(res.body, 413, 'PAYLOAD_TOO_LARGE');
      });

      it('refuses non-JSON bodies with 415', async () => {
        const res = await t.http.post('/api/meetings').set(as(alice)).set('Content-Type', 'text/plain').send('title=x');
        expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
      });

      it('stores SQL-looking strings verbatim', async () => {
        const title = `Robert'); DROP TABLE meeting;-- \u0000? $1 %_ \\`;
        const sanitized = title.replace('\u0000', '');
        const created = await t.http.post('/api/meetings').set(as(alice)).send({ title: sanitized, description: "' OR 1=1 --" });
        expect(created.status).toBe(201);
        const fetched = await t.http.get(`/api/meetings/${created.body.id}`).set(as(alice));
        expect(fetched.body.title).toBe(sanitized);
        expect(fetched.body.description).toBe("' OR 1=1 --");
        const search = await t.http.get('/api/meetings').query({ filter: JSON.stringify({ q: '%_' }) }).set(as(alice));
        expect(search.body.map((m: { id: string }) => m.id)).toContain(created.body.id);
      });

      it('answers a malformed id with 404 and bad list parameters with 400', async () => {
        expectErrorShape((await t.http.get('/api/meetings/not-a-uuid').set(as(alice))).body, 404, 'NOT_FOUND');
        for (const query of [{ sort: '["password","ASC"]' }, { range: '[5,1]' }, { range: '[0,5000]' }, { filter: '[1]' }, { sort: 'nope' }]) {
          const res = await t.http.get('/api/meetings').query(query).set(as(alice));
          expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
        }
      });
    });

    describe('tenancy and roles', () => {
      it('hides another workspace and its records behind 404', async () => {
        const meeting = await t.http.post('/api/meetings').set(as(alice)).send({ title: 'Alice only' });
        const byId = await t.http.get(`/api/meetings/${meeting.body.id}`).set(as(bob, bob.workspaceId));
        expectErrorShape(byId.body, 404, 'NOT_FOUND');
        const otherHeader = await t.http.get(`/api/meetings/${meeting.body.id}`).set(as(bob, alice.workspaceId));
        expectErrorShape(otherHeader.body, 404, 'NOT_FOUND');
        const list = await t.http.get('/api/meetings').set(as(bob, alice.workspaceId));
        expect(list.status).toBe(404);
        const ws = await t.http.get(`/api/workspaces/${alice.workspaceId}`).set(as(bob));
        expect(ws.status).toBe(404);
      });

      it('lets a viewer read but not create (403)', async () => {
        const viewer = await registerUser(t.url, 'Vera Viewer');
        const add = await t.http.post(`/api/workspaces/${alice.workspaceId}/members`).set(as(alice)).send({ email: viewer.email, role: 'viewer' });
        expect(add.status).toBe(201);
        await t.http.post(`/api/invitations/${add.body.id}/accept`).set('Authorization', `Bearer ${viewer.accessToken}`).expect(200);
        expect((await t.http.get('/api/tasks').set(as(viewer, alice.workspaceId))).status).toBe(200);
        const create = await t.http.post('/api/tasks').set(as(viewer, alice.workspaceId)).send({ title: 'Not allowed' });
        expectErrorShape(create.body, 403, 'FORBIDDEN');
        const meeting = await t.http.post('/api/meetings').set(as(viewer, alice.workspaceId)).send({ title: 'no' });
        expect(meeting.status).toBe(403);
      });

      it('lets members edit only the meetings they organize', async () => {
        const member = await registerUser(t.url, 'Mo Member');
        const invited = await t.http.post(`/api/workspaces/${alice.workspaceId}/members`).set(as(alice)).send({ email: member.email, role: 'member' });
        await t.http.post(`/api/invitations/${invited.body.id}/accept`).set('Authorization', `Bearer ${member.accessToken}`).expect(200);
        const own = await t.http.post('/api/meetings').set(as(member, alice.workspaceId)).send({ title: 'Mine' });
        expect(own.status).toBe(201);
        expect((await t.http.put(`/api/meetings/${own.body.id}`).set(as(member, alice.workspaceId)).send({ title: 'Mine, renamed' })).status).toBe(200);
        const alices = await t.http.post('/api/meetings').set(as(alice)).send({ title: "Alice's" });
        const res = await t.http.put(`/api/meetings/${alices.body.id}`).set(as(member, alice.workspaceId)).send({ title: 'hijack' });
        expectErrorShape(res.body, 403, 'FORBIDDEN');
        // The console's copy of the rules (GET /api/me) answers as the API just did.
        const ability = await consoleAbility(t, member, alice.workspaceId);
        expect(ability.can('update', recordOf('Meeting', own.body))).toBe(true);
        expect(ability.can('update', recordOf('Meeting', alices.body))).toBe(false);
        expect(ability.can('create', 'Meeting')).toBe(true);
        expect(ability.can('delete', 'Session')).toBe(false);
      });

      it('keeps at least one owner and stops admins from touching owners', async () => {
        const ws = await t.http.post('/api/workspaces').set(as(alice)).send({ name: 'Ownership' });
        expect(ws.status).toBe(201);
        const members = await t.http.get(`/api/workspaces/${ws.body.id}/members`).set(as(alice));
        const self = members.body[0];
        const demote = await t.http.put(`/api/workspaces/${ws.body.id}/members/${self.id}`).set(as(alice)).send({ role: 'member' });
        expectErrorShape(demote.body, 409, 'LAST_OWNER');
        const adminUser = await registerUser(t.url, 'Ada Admin');
        const invited = await t.http.post(`/api/workspaces/${ws.body.id}/members`).set(as(alice)).send({ email: adminUser.email, role: 'admin' });
        await t.http.post(`/api/invitations/${invited.body.id}/accept`).set('Authorization', `Bearer ${adminUser.accessToken}`).expect(200);
        const promote = await t.http.post(`/api/workspaces/${ws.body.id}/members`).set(as(adminUser, ws.body.id)).send({ email: bob.email, role: 'owner' });
        expectErrorShape(promote.body, 403, 'FORBIDDEN');
        const addMember = await t.http.post(`/api/workspaces/${ws.body.id}/members`).set(as(adminUser, ws.body.id)).send({ email: bob.email, role: 'member' });
        expect(addMember.status).toBe(201);
        const ability = await consoleAbility(t, adminUser, ws.body.id);
        expect(ability.can('create', recordOf('Membership', { role: 'owner' }))).toBe(false);
        expect(ability.can('create', recordOf('Membership', { role: 'member' }))).toBe(true);
        // Outside their memberships a user who is not an instance admin may do nothing.
        expect((await consoleAbility(t, adminUser, alice.workspaceId)).can('read', 'Meeting')).toBe(false);
      });
    });

    describe('simple-REST lists', () => {
      it('pages, sorts, filters and answers getMany with Content-Range', async () => {
        const user = await registerUser(t.url, 'Lister');
        const ids: string[] = [];
        for (let i = 0; i < 7; i++) {
          const res = await t.http.post('/api/meetings').set(as(user)).send({ title: `Meeting ${i}`, status: i % 2 ? 'live' : 'draft' });
          ids.push(res.body.id);
        }
        const page = await t.http.get('/api/meetings').query({ sort: '["title","ASC"]', range: '[2,4]' }).set(as(user));
        expect(page.headers['content-range']).toBe('meetings 2-4/7');
        expect(page.body.map((m: { title: string }) => m.title)).toEqual(['Meeting 2', 'Meeting 3', 'Meeting 4']);
        const live = await t.http.get('/api/meetings').query({ filter: '{"status":"live"}' }).set(as(user));
        expect(live.headers['content-range']).toBe('meetings 0-2/3');
        const many = await t.http.get('/api/meetings').query({ filter: JSON.stringify({ id: [ids[0], ids[5]] }) }).set(as(user));
        expect(many.body.map((m: { id: string }) => m.id).sort()).toEqual([ids[0], ids[5]].sort());
        const workspaces = await t.http.get('/api/workspaces').query({ sort: '["name","ASC"]' }).set(as(user));
        expect(workspaces.status).toBe(200);
        expect(workspaces.headers['content-range']).toBe('workspaces 0-0/1');
        for (const field of ['email', 'name', 'role', 'createdAt']) {
          const members = await t.http.get(`/api/workspaces/${user.workspaceId}/members`).query({ sort: JSON.stringify([field, 'DESC']) }).set(as(user));
          expect(members.status).toBe(200);
        }
        const empty = await t.http.get('/api/meetings').query({ range: '[100,110]' }).set(as(user));
        expect(empty.headers['content-range']).toBe('meetings */7');
        expect(empty.body).toEqual([]);
      });

      it('lists the same records the single-record endpoints show, and refuses malformed filter values', async () => {
        const owner = await registerUser(t.url, 'Row Owner');
        const guest = await registerUser(t.url, 'Row Guest');
        const invited = await t.http.post(`/api/workspaces/${owner.workspaceId}/members`).set(as(owner)).send({ email: guest.email, role: 'member' });
        await t.http.post(`/api/invitations/${invited.body.id}/accept`).set('Authorization', `Bearer ${guest.accessToken}`).expect(200);
        const meeting = await t.http.post('/api/meetings').set(as(owner)).send({
          title: 'Rows', description: 'plain rows', scheduledStart: '2026-12-01T10:00:00.000Z', scheduledEnd: '2026-12-01T11:00:00.000Z',
          participants: [{ userId: owner.userId, role: 'host', status: 'accepted' }, { userId: guest.userId }],
        });
        expect(meeting.status).toBe(201);
        const listed = await t.http.get('/api/meetings').query({ filter: JSON.stringify({ organizerId: owner.userId, scheduledAfter: '2026-11-30' }) }).set(as(owner));
        expect(listed.body).toHaveLength(1);
        const one = (await t.http.get(`/api/meetings/${meeting.body.id}`).set(as(owner))).body as { participants: { userId: string }[] };
        const byUser = (a: { userId: string }, b: { userId: string }) => a.userId.localeCompare(b.userId);
        expect({ ...listed.body[0], participants: [...listed.body[0].participants].sort(byUser) }).toEqual({ ...one, participants: [...one.participants].sort(byUser) });
        expect(one.participants).toHaveLength(2);

        const task = await t.http.post('/api/tasks').set(as(owner)).send({
          title: 'Row task', description: 'd', priority: 'urgent', assignedToId: guest.userId, dueDate: '2026-12-24', meetingId: meeting.body.id,
        });
        const tasks = await t.http.get('/api/tasks').query({ filter: JSON.stringify({ assignedToId: guest.userId, status: 'open', priority: 'urgent', dueBefore: '2026-12-24', meetingId: meeting.body.id }) }).set(as(owner));
        expect(tasks.body).toEqual([(await t.http.get(`/api/tasks/${task.body.id}`).set(as(owner))).body]);
        expect(tasks.body[0]).toMatchObject({ dueDate: '2026-12-24', extracted: false, dependsOnId: null });

        for (const [path, filter] of [
          ['/api/meetings', { organizerId: 'not-a-uuid' }],
          ['/api/meetings', { id: ['x'] }],
          ['/api/meetings', { status: [{ $ne: 1 }] }],
          ['/api/meetings', { scheduledAfter: 'yesterday-ish' }],
          ['/api/tasks', { assignedToId: 42 }],
          ['/api/tasks', { sessionId: "'; drop table task; --" }],
          ['/api/tasks', { dueBefore: 20261224 }],
          ['/api/tasks', { status: 'finished' }],
        ] as const) {
          const res = await t.http.get(path).query({ filter: JSON.stringify(filter) }).set(as(owner));
          expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
        }
      });
    });

    describe('tasks', () => {
      it('follows the status machine and sets completedAt', async () => {
        const task = await t.http.post('/api/tasks').set(as(alice)).send({ title: 'Ship it', priority: 'high', assignedToId: alice.userId, dueDate: '2026-12-24' });
        expect(task.status).toBe(201);
        const done = await t.http.put(`/api/tasks/${task.body.id}`).set(as(alice)).send({ status: 'done' });
        expect(done.body.completedAt).not.toBeNull();
        const back = await t.http.put(`/api/tasks/${task.body.id}`).set(as(alice)).send({ status: 'in_progress' });
        expectErrorShape(back.body, 409, 'INVALID_TRANSITION');
        const reopened = await t.http.put(`/api/tasks/${task.body.id}`).set(as(alice)).send({ status: 'open' });
        expect(reopened.body).toMatchObject({ status: 'open', completedAt: null });
      });

      it('refuses dependency cycles and completing before a dependency', async () => {
        const mk = async (title: string) => (await t.http.post('/api/tasks').set(as(alice)).send({ title })).body.id as string;
        const [a, b, c] = [await mk('A'), await mk('B'), await mk('C')];
        expect((await t.http.put(`/api/tasks/${b}`).set(as(alice)).send({ dependsOnId: a })).status).toBe(200);
        expect((await t.http.put(`/api/tasks/${c}`).set(as(alice)).send({ dependsOnId: b })).status).toBe(200);
        expectErrorShape((await t.http.put(`/api/tasks/${a}`).set(as(alice)).send({ dependsOnId: c })).body, 409, 'DEPENDENCY_CYCLE');
        expectErrorShape((await t.http.put(`/api/tasks/${a}`).set(as(alice)).send({ dependsOnId: a })).body, 409, 'DEPENDENCY_CYCLE');
        expectErrorShape((await t.http.put(`/api/tasks/${b}`).set(as(alice)).send({ status: 'done' })).body, 409, 'INVALID_TRANSITION');
      });

      it('filters my open tasks and refuses outsiders as assignees', async () => {
        const mine = await t.http.get('/api/tasks').query({ filter: '{"mine":true,"open":true}' }).set(as(alice));
        expect(mine.status).toBe(200);
        expect(mine.body.every((x: { assignedToId: string; status: string }) => x.assignedToId === alice.userId && x.status !== 'done')).toBe(true);
        const outsider = await t.http.post('/api/tasks').set(as(alice)).send({ title: 'x', assignedToId: bob.userId });
        expectErrorShape(outsider.body, 400, 'VALIDATION_FAILED');
        const badDate = await t.http.post('/api/tasks').set(as(alice)).send({ title: 'x', dueDate: '2026-02-30' });
        expectErrorShape(badDate.body, 400, 'VALIDATION_FAILED');
      });
    });

    describe('sessions', () => {
      it('creates sessions, lists them and finalizes exactly once under concurrency', async () => {
        const created = await t.http.post('/api/sessions').set(as(alice)).send({ title: 'Standup', language: 'en' });
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect((await t.http.get(`/api/sessions/${id}/segments`).set(as(alice))).body).toEqual([]);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => request(t.url).post(`/api/sessions/${id}/finalize`).set(as(alice))),
        );
        expect(results.every((r) => r.status === 202)).toBe(true);
        expect(results.filter((r) => r.body.finalizedNow).length).toBe(1);
        const session = await t.http.get(`/api/sessions/${id}`).set(as(alice));
        expect(['processing', 'completed']).toContain(session.body.status);
        expect(session.body.endedAt).not.toBeNull();
      });

      it('renames speakers and records markers', async () => {
        const { body } = await t.http.post('/api/sessions').set(as(alice)).send({});
        const renamed = await t.http.patch(`/api/sessions/${body.id}/speakers`).set(as(alice)).send({ speakers: { A: 'Alice', B: 'Bob' } });
        expect(renamed.body.speakerNames).toEqual({ A: 'Alice', B: 'Bob' });
        const marker = await t.http.post('/api/markers').set(as(alice)).send({ sessionId: body.id, type: 'decision', content: 'Go with plan B', atMs: 61_000 });
        expect(marker.status).toBe(201);
        const list = await t.http.get('/api/markers').query({ filter: JSON.stringify({ sessionId: body.id }) }).set(as(alice));
        expect(list.headers['content-range']).toBe('markers 0-0/1');
        const foreign = await t.http.post('/api/markers').set(as(bob)).send({ sessionId: body.id, type: 'todo', content: 'x', atMs: 0 });
        expectErrorShape(foreign.body, 400, 'VALIDATION_FAILED');
      });
    });

    describe('instance admin', () => {
      it('is refused to ordinary users', async () => {
        expectErrorShape((await t.http.get('/api/admin/users').set(as(alice))).body, 403, 'FORBIDDEN');
      });

      it('creates, disables and resets users, and audits each action', async () => {
        const auth = { Authorization: `Bearer ${admin.accessToken}` };
        const created = await t.http.post('/api/admin/users').set(auth).send({ email: 'new.hire@example.com', name: 'New Hire', password: 'first-password-1' });
        expect(created.status).toBe(201);
        const login = await t.http.post('/api/auth/login').send({ email: 'new.hire@example.com', password: 'first-password-1' });
        expect(login.status).toBe(200);

        const disabled = await t.http.put(`/api/admin/users/${created.body.id}`).set(auth).send({ isActive: false });
        expect(disabled.body.isActive).toBe(false);
        const stale = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`);
        expect(stale.status).toBe(401);
        expect((await t.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken })).status).toBe(401);
        expectErrorShape((await t.http.post('/api/auth/login').send({ email: 'new.hire@example.com', password: 'first-password-1' })).body, 403, 'ACCOUNT_DISABLED');

        await t.http.put(`/api/admin/users/${created.body.id}`).set(auth).send({ isActive: true });
        expect((await t.http.post(`/api/admin/users/${created.body.id}/reset-password`).set(auth).send({ password: 'second-password-2' })).status).toBe(204);
        expect((await t.http.post('/api/auth/login').send({ email: 'new.hire@example.com', password: 'second-password-2' })).status).toBe(200);

        const list = await t.http.get('/api/admin/users').query({ filter: '{"q":"new.hire"}' }).set(auth);
        expect(list.headers['content-range']).toBe('users 0-0/1');
        const audit = await t.http.get('/api/admin/audit').query({ filter: JSON.stringify({ target: `user:${created.body.id}`, action: 'user.*' }) }).set(auth);
        expect(audit.body.map((a: { action: string }) => a.action).sort()).toEqual(
          ['user.created', 'user.disabled', 'user.enabled', 'user.password_reset'].sort(),
        );
      });
    });
  });
}
