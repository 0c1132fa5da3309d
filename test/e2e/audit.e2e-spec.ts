import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView } from '#src/audit/audit.service.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = { email: 'root@audit.test', password: 'admin-password-1' };
const PASSWORD = 'correct horse battery';

/** An entry as the API answers it (JSON: the date is a string). */
type Entry = Omit<AuditView, 'at'> & { at: string };

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF): csv-parse is not a dependency. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('audit log (issue 17 item 6)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let adminId: string;
  let owner: SignedIn;
  let n = 0;
  /** Each action comes from its own client address (through the loopback proxy trust), so its entry is found by it. */
  const nextIp = () => `203.0.113.${(n += 1)}`;
  const bearer = (u: { accessToken: string }) => ({ Authorization: `Bearer ${u.accessToken}` });
  const audit = async (filter: Record<string, unknown>, headers = admin): Promise<Entry[]> =>
    (await t.http.get('/api/admin/audit').query({ filter: JSON.stringify(filter), range: '[0,999]' }).set(headers).expect(200)).body as Entry[];
  const signIn = async (email: string, password = PASSWORD) => (await request(t.url).post('/api/auth/login').send({ email, password }).expect(200)).body as { accessToken: string; refreshToken: string; user: { id: string } };

  beforeAll(async () => {
    t = await startTestApp({ env: { MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password, MINA_AUDIT_EXPORT_MAX_ROWS: '5' } });
    const login = await signIn(ADMIN.email, ADMIN.password);
    admin = bearer(login);
    adminId = login.user.id;
    owner = await registerUser(t.url, 'Olga Owner');
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * One row per audited action: `act` performs it from `ip` and answers what the entry must say.
   * `actor: null` is an action with nobody signed in (a failed sign-in, a stolen refresh token).
   */
  const cases: [string, (ip: string) => Promise<{ actor: string | null; target: string; workspaceId?: string | null; data?: Record<string, unknown> }>][] = [
    ['auth.registered', async (ip) => {
      const email = `reg-${n}@audit.test`;
      await request(t.url).post('/api/auth/register').set('X-Forwarded-For', ip).send({ email, password: PASSWORD, name: 'Reg' }).expect(201);
      const user = await signIn(email);
      return { actor: user.user.id, target: `user:${user.user.id}`, data: { email } };
    }],
    ['auth.sign_in', async (ip) => {
      await request(t.url).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: owner.email, password: PASSWORD }).expect(200);
      return { actor: owner.userId, target: `user:${owner.userId}`, data: { method: 'password' } };
    }],
    ['auth.sign_in_failed', async (ip) => {
      const res = await request(t.url).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: owner.email, password: 'wrong password!' });
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      return { actor: null, target: `user:${owner.userId}`, data: { email: owner.email, reason: 'wrong_password', method: 'password' } };
    }],
    ['auth.sign_in_failed', async (ip) => {
      const res = await request(t.url).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: 'Nobody@Audit.test', password: 'wrong password!' });
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      return { actor: null, target: null as unknown as string, data: { email: 'nobody@audit.test', reason: 'unknown_email', method: 'password' } };
    }],
    ['auth.sign_out', async (ip) => {
      const s = await signIn(owner.email);
      await request(t.url).post('/api/auth/logout').set('X-Forwarded-For', ip).send({ refreshToken: s.refreshToken }).expect(204);
      return { actor: owner.userId, target: `user:${owner.userId}` };
    }],
    ['auth.refresh_reused', async (ip) => {
      const u = await registerUser(t.url, 'Reused');
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      await request(t.url).post('/api/auth/refresh').set('X-Forwarded-For', ip).send({ refreshToken: u.refreshToken }).expect(401);
      return { actor: null, target: `user:${u.userId}` };
    }],
    ['auth.sign_out_everywhere', async (ip) => {
      const u = await registerUser(t.url, 'Everywhere');
      await request(t.url).post('/api/auth/logout-all').set(bearer(u)).set('X-Forwarded-For', ip).expect(204);
      return { actor: u.userId, target: `user:${u.userId}` };
    }],
    ['user.created', async (ip) => {
      const res = await t.http.post('/api/admin/users').set(admin).set('X-Forwarded-For', ip).send({ email: `made-${n}@audit.test`, name: 'Made', password: PASSWORD }).expect(201);
      return { actor: adminId, target: `user:${res.body.id}` };
    }],
    ...(['user.admin_changed', 'user.disabled', 'user.enabled', 'user.updated'] as const).map(
      (action, i): [string, (ip: string) => Promise<{ actor: string; target: string; data: Record<string, unknown> }>] => [action, async (ip) => {
        const u = await registerUser(t.url, 'Target');
        const change = [{ isInstanceAdmin: true }, { isActive: false }, { isActive: true }, { name: 'Renamed' }][i];
        if (action === 'user.enabled') await t.http.put(`/api/admin/users/${u.userId}`).set(admin).send({ isActive: false }).expect(200);
        await t.http.put(`/api/admin/users/${u.userId}`).set(admin).set('X-Forwarded-For', ip).send(change).expect(200);
        return { actor: adminId, target: `user:${u.userId}`, data: change };
      }],
    ),
    ['user.password_reset', async (ip) => {
      const u = await registerUser(t.url, 'Reset');
      await t.http.post(`/api/admin/users/${u.userId}/reset-password`).set(admin).set('X-Forwarded-For', ip).send({ password: 'another password 2' }).expect(204);
      return { actor: adminId, target: `user:${u.userId}` };
    }],
    ['workspace.created', async (ip) => {
      const ws = await t.http.post('/api/workspaces').set(as(owner)).set('X-Forwarded-For', ip).send({ name: 'Audited' }).expect(201);
      return { actor: owner.userId, target: `workspace:${ws.body.id}`, workspaceId: ws.body.id };
    }],
    ['workspace.updated', async (ip) => {
      await t.http.put(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).set('X-Forwarded-For', ip).send({ name: 'Renamed space', settings: { language: 'pt-BR' } }).expect(200);
      return { actor: owner.userId, target: `workspace:${owner.workspaceId}`, workspaceId: owner.workspaceId, data: { changed: ['name', 'settings.language'] } };
    }],
    ['workspace.deleted', async (ip) => {
      const ws = await t.http.post('/api/workspaces').set(as(owner)).send({ name: 'Doomed' }).expect(201);
      await t.http.delete(`/api/workspaces/${ws.body.id}`).set(as(owner, ws.body.id)).set('X-Forwarded-For', ip).expect(204);
      return { actor: owner.userId, target: `workspace:${ws.body.id}`, workspaceId: null };
    }],
    ...(['invitation.created', 'invitation.accepted', 'invitation.declined', 'invitation.revoked', 'member.role_changed', 'member.removed'] as const).map(
      (action): [string, (ip: string) => Promise<{ actor: string; target: string; workspaceId: string }>] => [action, async (ip) => {
        const guest = await registerUser(t.url, 'Guest');
        const invite = (h: Record<string, string> = {}) =>
          t.http.post(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(owner)).set(h).send({ email: guest.email, role: 'member' }).expect(201);
        const at = { 'X-Forwarded-For': ip };
        const scoped = { workspaceId: owner.workspaceId };
        if (action === 'invitation.created') return { actor: owner.userId, target: `invitation:${(await invite(at)).body.id}`, ...scoped };
        const inv = (await invite()).body as { id: string };
        if (action === 'invitation.revoked') {
          await t.http.delete(`/api/workspaces/${owner.workspaceId}/invitations/${inv.id}`).set(as(owner)).set(at).expect(204);
          return { actor: owner.userId, target: `invitation:${inv.id}`, ...scoped };
        }
        if (action === 'invitation.declined') {
          await request(t.url).post(`/api/invitations/${inv.id}/decline`).set(bearer(guest)).set(at).expect(204);
          return { actor: guest.userId, target: `invitation:${inv.id}`, ...scoped };
        }
        const accepted = await request(t.url).post(`/api/invitations/${inv.id}/accept`).set(bearer(guest)).set(action === 'invitation.accepted' ? at : {}).expect(200);
        if (action === 'invitation.accepted') return { actor: guest.userId, target: `invitation:${inv.id}`, ...scoped };
        const member = `/api/workspaces/${owner.workspaceId}/members/${accepted.body.membershipId}`;
        if (action === 'member.role_changed') await t.http.put(member).set(as(owner)).set(at).send({ role: 'admin' }).expect(200);
        else await t.http.delete(member).set(as(owner)).set(at).expect(204);
        return { actor: owner.userId, target: `user:${guest.userId}`, ...scoped };
      }],
    ),
  ];

  it.each(cases)('%s is recorded with actor, client address and target', async (action, act) => {
    const ip = nextIp();
    const expected = await act(ip);
    const entries = await audit({ ip, action });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action,
      actorId: expected.actor,
      target: expected.target,
      ip,
      ...(expected.workspaceId !== undefined && { workspaceId: expected.workspaceId }),
    });
    if (expected.data) expect(entries[0].data).toMatchObject(expected.data);
    // Never a password in the log.
    expect(JSON.stringify(entries[0])).not.toMatch(/password!|horse battery|another password/);
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const known = await request(t.url).post('/api/auth/login').send({ email: owner.email, password: 'nope nope nope' });
    const unknown = await request(t.url).post('/api/auth/login').send({ email: 'ghost@audit.test', password: 'nope nope nope' });
    expect(unknown.status).toBe(known.status);
    const shape = (b: Record<string, unknown>) => ({ ...b, requestId: undefined, timestamp: undefined });
    expect(shape(unknown.body)).toEqual(shape(known.body));
  });

  it('filters by action prefix, actor id or email, workspace and date range', async () => {
    const auth = await audit({ action: 'auth.*' });
    expect(auth.length).toBeGreaterThan(3);
    expect(auth.every((e) => e.action.startsWith('auth.'))).toBe(true);
    // A LIKE wildcard in the prefix is literal.
    expect(await audit({ action: 'a%.*' })).toEqual([]);
    const byEmail = await audit({ actor: owner.email.toUpperCase() });
    const byId = await audit({ actor: owner.userId });
    expect(byEmail.length).toBeGreaterThan(0);
    expect(byEmail).toEqual(byId);
    expect(byEmail.every((e) => e.actorId === owner.userId)).toBe(true);
    const scoped = await audit({ workspaceId: owner.workspaceId });
    expect(scoped.every((e) => e.workspaceId === owner.workspaceId)).toBe(true);
    const all = await audit({});
    const middle = all[Math.floor(all.length / 2)];
    const since = await audit({ from: middle.at });
    expect(since.every((e) => e.at >= middle.at)).toBe(true);
    const until = await audit({ to: middle.at });
    expect(until.every((e) => e.at < middle.at)).toBe(true);
    expect(since.length + until.length).toBe(all.length);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await audit({ to: tomorrow })).toHaveLength(all.length);
    for (const bad of [{ from: 'yesterday' }, { action: 42 }, { actor: 'x'.repeat(400) }]) {
      const res = await t.http.get('/api/admin/audit').query({ filter: JSON.stringify(bad) }).set(admin);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('exports CSV that reads back as the list, cut at MINA_AUDIT_EXPORT_MAX_ROWS, and audits the export', async () => {
    const filter = { actor: owner.userId };
    const listed = await audit(filter);
    expect(listed.length).toBeGreaterThan(5);
    const res = await t.http.get('/api/admin/audit/export').query({ filter: JSON.stringify(filter) }).set(admin).buffer(true).parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (body += c));
      r.on('end', () => done(null, body));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mina-audit-.*\.csv"$/);
    const rows = parseCsv(res.body as string);
    expect(rows[0]).toEqual(['at', 'action', 'actor email', 'actor id', 'target', 'workspace', 'address', 'data']);
    expect(rows.slice(1, 6)).toEqual(
      listed.slice(0, 5).map((e) => [e.at, e.action, e.actorEmail ?? '', e.actorId ?? '', e.target ?? '', e.workspaceId ?? '', e.ip ?? '', JSON.stringify(e.data)]),
    );
    expect(rows).toHaveLength(7);
    expect(rows[6][0]).toMatch(new RegExp(`^# truncated: ${listed.length} entries match`));
    const [exported] = await audit({ action: 'audit.exported' });
    expect(exported).toMatchObject({ actorId: adminId, data: { filter, rows: 5, truncated: true } });
  });

  it('neutralizes spreadsheet formulas in exported cells', async () => {
    const evil = await registerUser(t.url, 'Evil');
    const ws = await t.http.post('/api/workspaces').set(as(evil)).send({ name: '=HYPERLINK("http://x.example","y")' }).expect(201);
    await t.http.put(`/api/workspaces/${ws.body.id}`).set(as(evil, ws.body.id)).set('X-Forwarded-For', '198.51.100.9').send({ name: '+1+cmd' }).expect(200);
    const res = await t.http.get('/api/admin/audit/export').query({ filter: JSON.stringify({ ip: '198.51.100.9' }) }).set(admin).buffer(true).parse((r, done) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString('utf8')));
      r.on('end', () => done(null, body));
    });
    const rows = parseCsv(res.body as string).slice(1);
    expect(rows).toHaveLength(1);
    for (const cell of rows[0]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // JSON data starts with "{", so it is written as is.
    expect(JSON.parse(rows[0][7])).toMatchObject({ name: '+1+cmd' });
    expect(rows[0][6]).toBe('198.51.100.9');
  });

  it("shows a workspace's owners and admins its own entries only, and nobody else", async () => {
    const mine = (await t.http.get(`/api/workspaces/${owner.workspaceId}/audit`).query({ filter: JSON.stringify({ workspaceId: randomUUID() }), range: '[0,999]' }).set(as(owner)).expect(200)).body as Entry[];
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.every((e) => e.workspaceId === owner.workspaceId)).toBe(true);
    expect(mine.map((e) => e.id)).toEqual((await audit({ workspaceId: owner.workspaceId })).map((e) => e.id));
    const member = await registerUser(t.url, 'Plain member');
    const inv = await t.http.post(`/api/workspaces/${owner.workspaceId}/invitations`).set(as(owner)).send({ email: member.email, role: 'member' }).expect(201);
    await request(t.url).post(`/api/invitations/${inv.body.id}/accept`).set(bearer(member)).expect(200);
    expect((await t.http.get(`/api/workspaces/${owner.workspaceId}/audit`).set(as(member, owner.workspaceId))).status).toBe(403);
    const stranger = await registerUser(t.url, 'Stranger');
    expect((await t.http.get(`/api/workspaces/${owner.workspaceId}/audit`).set(as(stranger, owner.workspaceId))).status).toBe(404);
  });

  it('refuses the audit log and its export to anyone but an instance admin', async () => {
    for (const path of ['/api/admin/audit', '/api/admin/audit/export']) {
      expect((await t.http.get(path).set(as(owner))).status).toBe(403);
      expect((await t.http.get(path)).status).toBe(401);
    }
  });
});
