import { MikroORM } from '@mikro-orm/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { ChunkAck, JoinAck } from '#src/transcription/transcription.events.js';
import { call, connect, createSession, register, until, type ClientSocket, type User } from './transcription-client.js';

interface Created {
  id: string;
  key: string;
}
interface Listed {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  lastChars: string;
  workspace: { id: string; name: string };
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  status: string;
}

const MAX_KEYS = 12;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const refusal = async (p: Promise<ClientSocket>): Promise<string | undefined> => {
  const err = (await p.then(
    (s) => (s.close(), new Error('connected')),
    (e: Error & { data?: { code?: string } }) => e,
  )) as Error & { data?: { code?: string } };
  return err.data?.code ?? err.message;
};
const cutOff = (s: ClientSocket) => new Promise<string>((resolve) => s.once('disconnect', resolve));

describe('personal API keys', () => {
  let app: TestApp;
  let owner: User;
  let guest: User;
  let memberUrl: string;
  let workspaceB: string;
  let sessionId: string;
  const sockets: ClientSocket[] = [];

  const createKey = async (user: User, body: Record<string, unknown>, workspaceId = user.workspaceId): Promise<Created> =>
    (await app.http.post('/api/me/api-keys').set(bearer(user.token)).set('X-Workspace-Id', workspaceId).send(body).expect(201)).body as Created;
  const withKey = (key: string, workspaceId = owner.workspaceId) => ({ ...bearer(key), 'X-Workspace-Id': workspaceId });
  const list = async (user: User): Promise<Listed[]> => (await app.http.get('/api/me/api-keys').set(bearer(user.token)).expect(200)).body as Listed[];
  const sql = (query: string, params: unknown[] = []) => app.app.get(MikroORM).em.fork().getConnection().execute(query, params) as Promise<Record<string, unknown>[]>;
  const keySocket = async (key: string, workspaceId = owner.workspaceId): Promise<ClientSocket> => {
    const s = await connect(app.url, { token: key, workspaceId });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { MINA_MAX_API_KEYS_PER_USER: String(MAX_KEYS), MINA_API_KEY_MAX_DAYS: '30' } });
    [owner, guest] = await Promise.all([register(app, 'owner'), register(app, 'guest')]);
    const me = (await app.http.get('/api/me').set(bearer(guest.token)).expect(200)).body as { email: string };
    const invited = await app.http.post(`/api/workspaces/${owner.workspaceId}/members`).set(bearer(owner.token)).send({ email: me.email, role: 'member' }).expect(201);
    const member = await app.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set(bearer(guest.token)).expect(200);
    memberUrl = `/api/workspaces/${owner.workspaceId}/members/${(member.body as { membershipId: string }).membershipId}`;
    workspaceB = ((await app.http.post('/api/workspaces').set(bearer(owner.token)).send({ name: 'Second' }).expect(201)).body as { id: string }).id;
    sessionId = await createSession(app, owner);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
  });

  it('creates a key shown once, lists it without the key, and audits it', async () => {
    const created = await createKey(owner, { name: '  CI export  ', scopes: ['read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(created.key).toMatch(/^mina_[0-9A-Za-z]{59}$/);
    const mine = await list(owner);
    const row = mine.find((k) => k.id === created.id)!;
    expect(row).toMatchObject({ name: 'CI export', scopes: ['read'], workspace: { id: owner.workspaceId }, lastUsedAt: null, revokedAt: null, status: 'active' });
    expect(created.key.startsWith(row.prefix)).toBe(true);
    expect(created.key.endsWith(row.lastChars)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(created.key.slice(row.prefix.length, -row.lastChars.length));
    const [stored] = await sql('select "hash" from "api_key" where "id" = ?', [created.id]);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await sql(`select "action", "actor_id", "workspace_id" from "audit_log" where "target" = ?`, [`api_key:${created.id}`]);
    expect(audit).toEqual([{ action: 'api_key.created', actor_id: owner.userId, workspace_id: owner.workspaceId }]);
    // Without expiresAt a key gets the longest life allowed (MINA_API_KEY_MAX_DAYS=30).
    const open = await createKey(owner, { name: 'no expiry given', scopes: ['write'] });
    const [{ expires_at }] = await sql('select "expires_at" from "api_key" where "id" = ?', [open.id]);
    expect(Math.abs(new Date(expires_at as string).getTime() - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
  });

  it('refuses bad input with 400 codes, and more keys than the limit', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '', scopes: ['read'] }, 'VALIDATION_FAILED'],
      [{ name: '   ', scopes: ['read'] }, 'VALIDATION_FAILED'],
      [{ name: 'x'.repeat(101), scopes: ['read'] }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: [] }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: ['root'] }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: 'read' }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: ['read'], expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: ['read'], expiresAt: new Date(Date.now() + 31 * 86_400_000).toISOString() }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: ['read'], expiresAt: '2027-02-30' }, 'VALIDATION_FAILED'],
      [{ name: 'k', scopes: ['read'], workspaceId: owner.workspaceId }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of bad) {
      const res = await app.http.post('/api/me/api-keys').set(bearer(owner.token)).set('X-Workspace-Id', owner.workspaceId).send(body);
      expect([res.status, (res.body as { code: string }).code], JSON.stringify(body).slice(0, 60)).toEqual([400, code]);
    }
    const noWorkspace = await app.http.post('/api/me/api-keys').set(bearer(owner.token)).send({ name: 'k', scopes: ['read'] });
    expect([noWorkspace.status, (noWorkspace.body as { code: string }).code]).toEqual([400, 'WORKSPACE_REQUIRED']);

    // A fresh user: keys up to the limit, then 409; a revoked key frees its place.
    const user = await register(app, 'limits');
    const keys: Created[] = [];
    for (let i = 0; i < MAX_KEYS; i++) keys.push(await createKey(user, { name: `k${i}`, scopes: ['read'] }));
    const over = await app.http.post('/api/me/api-keys').set(bearer(user.token)).set('X-Workspace-Id', user.workspaceId).send({ name: 'one more', scopes: ['read'] });
    expect([over.status, (over.body as { code: string }).code]).toEqual([409, 'QUOTA_EXCEEDED']);
    await app.http.delete(`/api/me/api-keys/${keys[0].id}`).set(bearer(user.token)).expect(204);
    await createKey(user, { name: 'in its place', scopes: ['read'] });
  });

  it('lets a read key read but not write, and never manage keys or the account', async () => {
    const { key } = await createKey(owner, { name: 'reader', scopes: ['read'] });
    const task = (await app.http.post('/api/tasks').set(bearer(owner.token)).set('X-Workspace-Id', owner.workspaceId).send({ title: 'by hand' }).expect(201)).body as { id: string };
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    await app.http.get(`/api/sessions/${sessionId}`).set(withKey(key)).expect(200);
    expect(((await app.http.get('/api/me').set(bearer(key)).expect(200)).body as { id: string }).id).toBe(owner.userId);
    const refused: [string, string, string, number][] = [
      ['post', '/api/tasks', 'API_KEY_SCOPE', 403],
      ['put', `/api/tasks/${task.id}`, 'API_KEY_SCOPE', 403],
      ['delete', `/api/tasks/${task.id}`, 'API_KEY_SCOPE', 403],
      ['post', '/api/me/api-keys', 'API_KEY_NOT_ALLOWED', 403],
      ['get', '/api/me/api-keys', 'API_KEY_NOT_ALLOWED', 403],
      ['post', '/api/workspaces', 'API_KEY_NOT_ALLOWED', 403],
    ];
    for (const [method, url, code, status] of refused) {
      const res = await app.http[method as 'get' | 'post' | 'put' | 'delete'](url).set(withKey(key)).send({ title: 'x', name: 'x', scopes: ['read'] });
      expect([res.status, (res.body as { code: string }).code], `${method} ${url}`).toEqual([status, code]);
      expect((res.body as { message: string }).message.length).toBeGreaterThan(20);
    }
    const manage = await app.http.get('/api/me/api-keys').set(bearer(key));
    expect((manage.body as { message: string }).message).toMatch(/sign in/i);
  });

  it("sees nothing of the user's other workspaces: /api/me shows only its own, the rest outside a workspace is refused", async () => {
    const { key } = await createKey(owner, { name: 'confined', scopes: ['admin'] });
    // The owner belongs to two workspaces (and B is the newer one): the key sees only its own, at the key's role.
    const signedIn = (await app.http.get('/api/me').set(bearer(owner.token)).expect(200)).body as { memberships: { workspaceId: string }[] };
    expect(signedIn.memberships.map((m) => m.workspaceId).sort()).toEqual([owner.workspaceId, workspaceB].sort());
    for (const headers of [bearer(key), withKey(key), withKey(key, workspaceB)]) {
      const me = (await app.http.get('/api/me').set(headers).expect(200)).body as { id: string; memberships: { workspaceId: string; role: string }[] };
      expect(me.id).toBe(owner.userId);
      expect(me.memberships).toEqual([expect.objectContaining({ workspaceId: owner.workspaceId, role: 'admin' })]);
    }
    await app.http.get('/api/speech-recognition').set(bearer(key)).expect(200);
    // An invitation to B for the guest: their key (bound to their own workspace) must not see it.
    const guestEmail = ((await app.http.get('/api/me').set(bearer(guest.token)).expect(200)).body as { email: string }).email;
    await app.http.post(`/api/workspaces/${workspaceB}/invitations`).set(bearer(owner.token)).send({ email: guestEmail, role: 'viewer' }).expect(201);
    const guestKey = await createKey(guest, { name: 'guest reader', scopes: ['read'] });
    expect(((await app.http.get('/api/me/invitations').set(bearer(guest.token)).expect(200)).body as unknown[]).length).toBeGreaterThan(0);
    for (const [url, k] of [
      ['/api/workspaces', key],
      ['/api/me/invitations', key],
      ['/api/me/invitations', guestKey.key],
      ['/api/admin/users', key],
      ['/api/admin/audit', key],
    ] as const) {
      for (const headers of [bearer(k), withKey(k)]) {
        const res = await app.http.get(url).set(headers);
        expect([res.status, (res.body as { code: string }).code], url).toEqual([403, 'API_KEY_NOT_ALLOWED']);
        expect(JSON.stringify(res.body)).not.toContain(workspaceB);
      }
    }
    // What a key may do instead: read its own workspace by id.
    await app.http.get(`/api/workspaces/${owner.workspaceId}`).set(withKey(key)).expect(200);
  });

  it('lets a write key create a task, but only in its own workspace', async () => {
    const { key } = await createKey(owner, { name: 'writer', scopes: ['write'] });
    const task = await app.http.post('/api/tasks').set(withKey(key)).send({ title: 'from a script' }).expect(201);
    expect((task.body as { title: string }).title).toBe('from a script');
    // Member-like: workspace administration stays out of reach even for the workspace owner's key.
    const rename = await app.http.put(`/api/workspaces/${owner.workspaceId}`).set(withKey(key)).send({ name: 'renamed' });
    expect(rename.status).toBe(403);
    for (const res of [await app.http.get('/api/tasks').set(withKey(key, workspaceB)), await app.http.get(`/api/workspaces/${workspaceB}/members`).set(withKey(key, workspaceB))]) {
      expect([res.status, (res.body as { code: string }).code]).toEqual([403, 'API_KEY_WORKSPACE']);
    }
    // The owner's own token still reaches B: the refusal is the key's, not the user's.
    await app.http.get('/api/tasks').set(bearer(owner.token)).set('X-Workspace-Id', workspaceB).expect(200);
  });

  it("follows the user's current role: demoted, the key can no longer write; removed, it reaches nothing", async () => {
    const { key } = await createKey(guest, { name: 'guest writer', scopes: ['write'] }, owner.workspaceId);
    const viewerOnly = await app.http.post('/api/me/api-keys').set(bearer(guest.token)).set('X-Workspace-Id', owner.workspaceId).send({ name: 'too wide', scopes: ['admin'] });
    expect([viewerOnly.status, (viewerOnly.body as { code: string }).code]).toEqual([403, 'API_KEY_SCOPE']);
    await app.http.post('/api/tasks').set(withKey(key)).send({ title: 'as member' }).expect(201);
    await app.http.put(memberUrl).set(bearer(owner.token)).send({ role: 'viewer' }).expect(200);
    const demoted = await app.http.post('/api/tasks').set(withKey(key)).send({ title: 'as viewer' });
    expect([demoted.status, (demoted.body as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    await app.http.delete(memberUrl).set(bearer(owner.token)).expect(204);
    await app.http.get('/api/tasks').set(withKey(key)).expect(404);
  });

  it('authenticates the socket handshake: write streams, read watches, another workspace is refused', async () => {
    const writer = await createKey(owner, { name: 'stream', scopes: ['write'] });
    const reader = await createKey(owner, { name: 'watch', scopes: ['read'] });
    const w = await keySocket(writer.key);
    expect(await call<JoinAck>(w, 'session:join', { sessionId })).toMatchObject({ ok: true, canStream: true });
    const chunk = { sessionId, seq: 0, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(3200) };
    expect(await call<ChunkAck>(w, 'audio:chunk', chunk)).toMatchObject({ ok: true, seq: 0 });

    const r = await keySocket(reader.key);
    expect(await call<JoinAck>(r, 'session:join', { sessionId })).toMatchObject({ ok: true, canStream: false });
    expect(await call<ChunkAck>(r, 'audio:chunk', { ...chunk, seq: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(await refusal(connect(app.url, { token: writer.key, workspaceId: workspaceB }))).toBe('API_KEY_WORKSPACE');
    // One character changed (never to itself: a key ending in `x` made this pass through about once in 62 runs).
    const tampered = `${writer.key.slice(0, -1)}${writer.key.endsWith('x') ? 'y' : 'x'}`;
    expect(await refusal(connect(app.url, { token: tampered, workspaceId: owner.workspaceId }))).toBe('TOKEN_INVALID');
  });

  it('revokes at once: the next request is 401, open sockets are cut and cannot come back', async () => {
    const { id, key } = await createKey(owner, { name: 'to revoke', scopes: ['write'] });
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    const s = await keySocket(key);
    expect(await call<JoinAck>(s, 'session:join', { sessionId })).toMatchObject({ ok: true });
    // Another key's socket stays up.
    const other = await keySocket((await createKey(owner, { name: 'bystander', scopes: ['read'] })).key);
    const cut = cutOff(s);
    await app.http.delete(`/api/me/api-keys/${id}`).set(bearer(owner.token)).expect(204);
    const next = await app.http.get('/api/tasks').set(withKey(key));
    expect([next.status, (next.body as { code: string }).code]).toEqual([401, 'API_KEY_REVOKED']);
    expect(await cut).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    expect(await refusal(connect(app.url, { token: key, workspaceId: owner.workspaceId }))).toBe('API_KEY_REVOKED');
    // Idempotent for its owner, invisible to anyone else.
    await app.http.delete(`/api/me/api-keys/${id}`).set(bearer(owner.token)).expect(204);
    await app.http.delete(`/api/me/api-keys/${id}`).set(bearer(guest.token)).expect(404);
    expect((await list(owner)).find((k) => k.id === id)).toMatchObject({ status: 'revoked' });
    // The address is recorded after the request went on: wait for it rather than race it.
    const actions = async () => (await sql(`select "action" from "audit_log" where "target" = ?`, [`api_key:${id}`])).map((a) => a.action as string).sort();
    await until(async () => (await actions()).length >= 3, 10_000, 'audit lines');
    expect(await actions()).toEqual(['api_key.created', 'api_key.revoked', 'api_key.used_from_new_address']);
  });

  it('refuses an expired key with API_KEY_EXPIRED', async () => {
    const { id, key } = await createKey(owner, { name: 'short-lived', scopes: ['read'] });
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    await sql(`update "api_key" set "expires_at" = now() - interval '1 second' where "id" = ?`, [id]);
    const res = await app.http.get('/api/tasks').set(withKey(key));
    expect([res.status, (res.body as { code: string }).code]).toEqual([401, 'API_KEY_EXPIRED']);
    expect(await refusal(connect(app.url, { token: key, workspaceId: owner.workspaceId }))).toBe('API_KEY_EXPIRED');
    expect((await list(owner)).find((k) => k.id === id)).toMatchObject({ status: 'expired' });
  });

  it('cuts a key socket when the key expires, and refuses joins with a key that stopped working', async () => {
    // Expires shortly after the handshake: the socket is cut then, with the reason, without any client event.
    const { key } = await createKey(owner, { name: 'expiring', scopes: ['write'], expiresAt: new Date(Date.now() + 4_000).toISOString() });
    const s = await keySocket(key);
    const notice = new Promise<{ code: string; reason: string }>((resolve) => s.once('server:disconnect', resolve));
    const cut = cutOff(s);
    expect(await call<JoinAck>(s, 'session:join', { sessionId })).toMatchObject({ ok: true });
    // Bounded: without the cut the socket would stay up for good.
    await until(() => !s.connected, 15_000, 'the socket to be cut at expiry');
    expect(await notice).toMatchObject({ code: 'API_KEY_EXPIRED', reason: 'KEY_EXPIRED' });
    expect(await cut).toBe('io server disconnect');
    expect(await refusal(connect(app.url, { token: key, workspaceId: owner.workspaceId }))).toBe('API_KEY_EXPIRED');

    // Changed behind the socket's back (no timer reached, no revocation broadcast): each join asks the database.
    const expired = await createKey(owner, { name: 'expired in place', scopes: ['write'] });
    const revoked = await createKey(owner, { name: 'revoked in place', scopes: ['write'] });
    const [e, r] = await Promise.all([keySocket(expired.key), keySocket(revoked.key)]);
    await sql(`update "api_key" set "expires_at" = now() - interval '1 second' where "id" = ?`, [expired.id]);
    await sql(`update "api_key" set "revoked_at" = now() where "id" = ?`, [revoked.id]);
    for (const [socket, code] of [
      [e, 'API_KEY_EXPIRED'],
      [r, 'API_KEY_REVOKED'],
    ] as const) {
      expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: false, error: { code } });
      expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('records the last use at most once a minute, and audits a first use from a new address', async () => {
    const { id, key } = await createKey(owner, { name: 'tracked', scopes: ['read'] });
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    let row: Listed | undefined;
    await until(async () => Boolean((row = (await list(owner)).find((k) => k.id === id))?.lastUsedAt), 10_000, 'lastUsedAt');
    expect(Date.now() - Date.parse(row!.lastUsedAt!)).toBeLessThan(60_000);
    expect(row!.lastUsedIp).toMatch(/127\.0\.0\.1/);
    const first = row!.lastUsedAt;
    await until(async () => (await sql(`select 1 from "audit_log" where "target" = ? and "action" = 'api_key.used_from_new_address'`, [`api_key:${id}`])).length === 1, 10_000, 'audit');

    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    await app.http.get('/api/tasks').set(withKey(key)).expect(200);
    // Same address, within the minute: no new audit line and no second write of lastUsedAt.
    const audit = await sql(`select "action", "ip" from "audit_log" where "target" = ? and "action" = 'api_key.used_from_new_address'`, [`api_key:${id}`]);
    expect(audit).toHaveLength(1);
    expect((await list(owner)).find((k) => k.id === id)!.lastUsedAt).toBe(first);
    expect(await sql('select "ip" from "api_key_address" where "key_id" = ?', [id])).toHaveLength(1);
  });

  it('answers any Bearer value with a 4xx, never a 5xx', async () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-.~+/=!$%mina'.split('')), maxLength: 80 });
    const keyShaped = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('')), minLength: 59, maxLength: 59 });
    const bearerValue = fc.oneof(printable, printable.map((s) => `mina_${s}`), keyShaped.map((s) => `mina_${s}`));
    await fc.assert(
      fc.asyncProperty(bearerValue, async (value) => {
        const res = await app.http.get('/api/tasks').set('Authorization', `Bearer ${value}`).set('X-Workspace-Id', owner.workspaceId);
        expect(res.status, value).toBeGreaterThanOrEqual(400);
        expect(res.status, value).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
