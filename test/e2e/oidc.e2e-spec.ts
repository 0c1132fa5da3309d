import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser } from '../support/api-client.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connect, until } from './transcription-client.js';

const DEFAULT_SLUG = 'sso-default';

/** A browser's view of one SSO sign-in: what Mina set and where it sent the browser. */
interface Flow {
  stateCookie: string;
  authorizeUrl: string;
}

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1)
    ?.slice(name.length + 1);

describe('single sign-on with OpenID Connect (issue 17 item 4)', () => {
  let op: TestOidcProvider;
  let t: TestApp;
  let db: pg.Client;
  let defaultWorkspaceId: string;
  /** The account the first just-in-time sign-in (subject jit-1) made. */
  let janeId: string;

  const start = async (): Promise<Flow> => {
    const response = await fetch(`${t.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const stateCookie = cookieOf(response, 'mina_oidc_state');
    expect(stateCookie).toBeTruthy();
    expect(response.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    expect(response.headers.getSetCookie().join()).toMatch(/SameSite=Lax/i);
    return { stateCookie: stateCookie!, authorizeUrl: response.headers.get('location')! };
  };
  const callback = (url: URL | string, stateCookie?: string) =>
    fetch(url, { redirect: 'manual', headers: stateCookie ? { cookie: `mina_oidc_state=${stateCookie}` } : {} });
  /** The console page the callback sent the browser to, and the handoff cookie it set. */
  const landing = (response: Response) => {
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!, t.url);
    const query = new URLSearchParams(location.hash.slice(location.hash.indexOf('?') + 1));
    return { path: location.pathname + location.hash.split('?')[0], sso: query.get('sso'), error: query.get('sso_error'), handoff: cookieOf(response, 'mina_oidc_handoff') };
  };
  const exchange = (handoff: string | undefined) =>
    request(t.url).post('/api/auth/oidc/exchange').set(handoff ? { cookie: `mina_oidc_handoff=${handoff}` } : {});
  /** A whole sign-in as the provider's account `sub`, up to the console's landing. */
  const signIn = async (sub: string) => {
    const flow = await start();
    const back = await op.authorize(flow.authorizeUrl, sub);
    return { flow, back, ...landing(await callback(back, flow.stateCookie)) };
  };
  const audit = async (action: string) =>
    (await db.query<{ action: string; actor_id: string | null; data: Record<string, unknown> }>('select action, actor_id, data from audit_log where action = $1 order by at', [action])).rows;

  beforeAll(async () => {
    op = await startOidcProvider();
    t = await startTestApp({
      env: {
        MINA_OIDC_ISSUER: op.issuer,
        MINA_OIDC_CLIENT_ID: op.clientId,
        MINA_OIDC_CLIENT_SECRET: op.clientSecret,
        MINA_OIDC_ALLOW_HTTP: 'true',
        MINA_OIDC_ALLOWED_DOMAINS: 'example.com,*.corp.test',
        MINA_OIDC_DEFAULT_WORKSPACE: DEFAULT_SLUG,
        MINA_OIDC_DEFAULT_ROLE: 'viewer',
        MINA_OIDC_DISABLE_PASSWORDS: 'true',
        MINA_OIDC_LABEL: 'Acme SSO',
        MINA_ADMIN_EMAIL: 'admin@example.com',
        MINA_ADMIN_PASSWORD: 'admin-password-1',
      },
    });
    // Mina came up while the provider was still down (a 503 to discovery): sign-in says so, and recovers lazily.
    const early = await fetch(`${t.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(early.headers.get('location')).toBe('/admin/#/login?sso_error=OIDC_PROVIDER_UNAVAILABLE');
    expect((await request(t.url).get('/health/ready').expect(200)).body.details.sso).toMatchObject({ configured: true, discovered: false });
    op.register(`${t.url}/api/auth/oidc/callback`);
    db = new pg.Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    const admin = await db.query<{ id: string }>(`select w.id from workspace w join membership m on m.workspace_id = w.id join "user" u on u.id = m.user_id where u.email = 'admin@example.com'`);
    defaultWorkspaceId = admin.rows[0].id;
    await db.query('update workspace set slug = $1 where id = $2', [DEFAULT_SLUG, defaultWorkspaceId]);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await op?.close();
  });

  it('tells the console that SSO is on, and readiness reports it', async () => {
    expect((await request(t.url).get('/api/auth/oidc/config').expect(200)).body).toEqual({ enabled: true, label: 'Acme SSO' });
    await start();
    const ready = await request(t.url).get('/health/ready').expect(200);
    expect(ready.body.details.sso).toMatchObject({ status: 'up', configured: true, discovered: true, issuer: op.issuer });
  });

  it('makes a just-in-time account in the default workspace with the default role, signed in like a password login', async () => {
    op.accounts.set('jit-1', { sub: 'jit-1', email: 'Jane.Doe@example.com', emailVerified: true, name: 'Jane Doe' });
    const { path, sso, error, handoff } = await signIn('jit-1');
    expect({ path, sso, error }).toEqual({ path: '/admin/#/login', sso: 'done', error: null });
    expect(handoff).toBeTruthy();
    const tokens = await exchange(handoff).expect(200);
    expect(tokens.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number), user: { email: 'jane.doe@example.com', name: 'Jane Doe' } });
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${tokens.body.accessToken}`).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceId: defaultWorkspaceId, role: 'viewer' })]);
    // The refresh path works as for any sign-in.
    await request(t.url).post('/api/auth/refresh').send({ refreshToken: tokens.body.refreshToken }).expect(200);
    // The handoff works once.
    expect((await exchange(handoff).expect(401)).body.code).toBe('OIDC_HANDOFF_INVALID');
    expect((await exchange(undefined).expect(401)).body.code).toBe('OIDC_HANDOFF_INVALID');
    const userId = tokens.body.user.id as string;
    janeId = userId;
    expect((await audit('auth.sso.jit')).map((a) => a.actor_id)).toEqual([userId]);
    expect((await audit('auth.sso.link')).find((a) => a.actor_id === userId)?.data).toMatchObject({ issuer: op.issuer, subject: 'jit-1', via: 'new-account' });
    expect((await audit('auth.sso.login')).filter((a) => a.actor_id === userId)).toHaveLength(1);
  });

  it('reuses the account on the next sign-in, even when the email changed at the provider', async () => {
    // Same subject, new address: the (issuer, subject) is who the account is, whatever the email says.
    op.accounts.set('jit-1', { sub: 'jit-1', email: 'jane@sales.corp.test', emailVerified: true, name: 'Jane Doe' });
    const { handoff } = await signIn('jit-1');
    const tokens = await exchange(handoff).expect(200);
    expect(tokens.body.user).toMatchObject({ id: janeId, email: 'jane.doe@example.com' });
    const users = await db.query('select count(*)::int as n from "user" where email like $1', ['jane%']);
    expect(users.rows[0].n).toBe(1);
    const identities = await db.query<{ user_id: string; email: string }>('select user_id, email from user_identity where subject = $1', ['jit-1']);
    expect(identities.rows).toEqual([{ user_id: janeId, email: 'jane@sales.corp.test' }]);
  });

  it("refuses another subject of the provider that now has a linked account's email", async () => {
    // Jane's old address, handed to someone else at the provider: they must not become Jane.
    op.accounts.set('jit-2', { sub: 'jit-2', email: 'Jane.Doe@example.com', emailVerified: true, name: 'Not Jane' });
    const jane = await exchange((await signIn('jit-1')).handoff).expect(200);
    expect((await signIn('jit-2')).error).toBe('OIDC_ACCOUNT_CONFLICT');
    expect((await db.query('select count(*)::int as n from user_identity where subject = $1', ['jit-2'])).rows[0].n).toBe(0);
    expect((await audit('auth.sso.refused')).map((a) => a.data)).toContainEqual(expect.objectContaining({ reason: 'OIDC_ACCOUNT_CONFLICT', subject: 'jit-2' }));
    // Jane keeps her account and her session.
    await request(t.url).post('/api/auth/refresh').send({ refreshToken: jane.body.refreshToken }).expect(200);
    expect((await exchange((await signIn('jit-1')).handoff).expect(200)).body.user.id).toBe(janeId);
  });

  it('makes one account when two first sign-ins of a new person race', async () => {
    op.accounts.set('twin', { sub: 'twin', email: 'twin@example.com', emailVerified: true, name: 'Twin' });
    // This sign-in is held just before it inserts the account, while the other one (played here)
    // commits the account and its identity: the moment two first sign-ins collide.
    const RACE_LOCK = 4242;
    await db.query(`create function sso_race() returns trigger language plpgsql as $$
      begin
        if new.email = 'twin@example.com' then perform pg_advisory_xact_lock(${RACE_LOCK}); end if;
        return new;
      end $$`);
    await db.query('create trigger sso_race before insert on "user" for each row execute function sso_race()');
    const winner = randomUUID();
    try {
      await db.query('select pg_advisory_lock($1)', [RACE_LOCK]);
      const racing = signIn('twin');
      await until(async () => (await db.query(`select 1 from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [RACE_LOCK])).rowCount === 1, 20_000, 'the sign-in to wait on the lock');
      await db.query(`insert into "user" (id, created_at, updated_at, email, name, password_hash) values ($1, now(), now(), 'twin@example.com', 'Twin', 'x')`, [winner]);
      await db.query(`insert into user_identity (id, created_at, updated_at, user_id, issuer, subject, email) values ($1, now(), now(), $2, $3, 'twin', 'twin@example.com')`, [randomUUID(), winner, op.issuer]);
      await db.query('select pg_advisory_unlock($1)', [RACE_LOCK]);
      const { sso, error, handoff } = await racing;
      expect({ sso, error }).toEqual({ sso: 'done', error: null });
      expect((await exchange(handoff).expect(200)).body.user.id).toBe(winner);
    } finally {
      await db.query('select pg_advisory_unlock_all()');
      await db.query('drop trigger sso_race on "user"; drop function sso_race()');
    }
    expect((await db.query('select count(*)::int as n from "user" where email = $1', ['twin@example.com'])).rows[0].n).toBe(1);
    expect((await db.query('select count(*)::int as n from user_identity where subject = $1', ['twin'])).rows[0].n).toBe(1);
  });

  it('refuses a bad or missing state', async () => {
    op.accounts.set('bob', { sub: 'bob', email: 'bob@example.com', emailVerified: true, name: 'Bob' });
    const flow = await start();
    const back = await op.authorize(flow.authorizeUrl, 'bob');
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-the-state');
    expect(landing(await callback(forged, flow.stateCookie)).error).toBe('OIDC_STATE_INVALID');
    expect(landing(await callback(back)).error).toBe('OIDC_STATE_INVALID');
    expect(landing(await callback(back, `${flow.stateCookie.slice(0, -4)}AAAA`)).error).toBe('OIDC_STATE_INVALID');
    // Made-up and spent states are anyone's to send: logged, never grown into the audit log.
    expect((await audit('auth.sso.refused')).filter((a) => a.data.reason === 'OIDC_STATE_INVALID')).toEqual([]);
  });

  it('refuses a replayed callback and a replayed code', async () => {
    const first = await signIn('bob');
    expect(first.sso).toBe('done');
    // The same callback again: its state is spent.
    expect(landing(await callback(first.back, first.flow.stateCookie)).error).toBe('OIDC_STATE_INVALID');
    // The spent code under a fresh, valid state: the provider refuses it.
    const second = await start();
    const replay = new URL(first.back);
    replay.searchParams.set('state', new URL((await op.authorize(second.authorizeUrl, 'bob')).href).searchParams.get('state')!);
    expect(landing(await callback(replay, second.stateCookie)).error).toBe('OIDC_CODE_INVALID');
    expect((await audit('auth.sso.refused')).map((a) => a.data.reason)).toContain('OIDC_CODE_INVALID');
  });

  it('sends the browser back with a 503 code when the provider is down at the callback', async () => {
    const flow = await start();
    const back = await op.authorize(flow.authorizeUrl, 'bob');
    op.setDown(true);
    try {
      expect(landing(await callback(back, flow.stateCookie)).error).toBe('OIDC_PROVIDER_UNAVAILABLE');
    } finally {
      op.setDown(false);
    }
    expect((await audit('auth.sso.refused')).map((a) => a.data.reason)).toContain('OIDC_PROVIDER_UNAVAILABLE');
  });

  it('refuses an email outside the allowed domains, and says why in the audit log', async () => {
    op.accounts.set('eve', { sub: 'eve', email: 'eve@elsewhere.test', emailVerified: true, name: 'Eve' });
    expect((await signIn('eve')).error).toBe('OIDC_DOMAIN_NOT_ALLOWED');
    expect((await db.query('select count(*)::int as n from "user" where email = $1', ['eve@elsewhere.test'])).rows[0].n).toBe(0);
    expect((await audit('auth.sso.refused')).map((a) => a.data)).toContainEqual(expect.objectContaining({ reason: 'OIDC_DOMAIN_NOT_ALLOWED', email: 'eve@elsewhere.test', subject: 'eve' }));
  });

  it('does not link an existing local account to an unverified email', async () => {
    const local = await registerUser(t.url, 'Uma Local');
    op.accounts.set('uma', { sub: 'uma', email: local.email, emailVerified: false, name: 'Uma' });
    expect((await signIn('uma')).error).toBe('OIDC_EMAIL_NOT_VERIFIED');
    expect((await db.query('select count(*)::int as n from user_identity where user_id = $1', [local.userId])).rows[0].n).toBe(0);
    await request(t.url).post('/api/auth/login').send({ email: local.email, password: 'correct horse battery' }).expect(200);
  });

  it('links a local account by verified email, ending its password, sessions and API keys', async () => {
    // Whoever registered the address may not be its owner: nothing they set up survives the owner's sign-in.
    const local = await registerUser(t.url, 'Linda Local');
    const key = (await request(t.url).post('/api/me/api-keys').set(as(local)).send({ name: 'script', scopes: ['read'] }).expect(201)).body as { id: string; key: string };
    const withKey = { Authorization: `Bearer ${key.key}`, 'X-Workspace-Id': local.workspaceId };
    await request(t.url).get('/api/tasks').set(withKey).expect(200);
    const socket = await connect(t.url, { token: key.key, workspaceId: local.workspaceId });
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    op.accounts.set('linda', { sub: 'linda', email: local.email, emailVerified: true, name: 'Linda' });
    const { handoff } = await signIn('linda');
    const tokens = await exchange(handoff).expect(200);
    expect(tokens.body.user.id).toBe(local.userId);
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${tokens.body.accessToken}`).expect(200);
    expect(me.body.memberships.map((m: { workspaceId: string }) => m.workspaceId)).toEqual([local.workspaceId]);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${local.accessToken}`).expect(401);
    await request(t.url).post('/api/auth/refresh').send({ refreshToken: local.refreshToken }).expect(401);
    expect((await request(t.url).get('/api/tasks').set(withKey).expect(401)).body.code).toBe('API_KEY_REVOKED');
    expect(await cut).toBe('io server disconnect');
    socket.close();
    expect((await request(t.url).post('/api/auth/login').send({ email: local.email, password: 'correct horse battery' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    expect((await audit('auth.sso.link')).find((a) => a.actor_id === local.userId)?.data).toMatchObject({
      via: 'verified-email',
      revoked: { sessions: true, password: true, apiKeys: [key.id] },
    });
    // A password an administrator sets later still does not sign in while passwords are off for SSO accounts.
    const admin = await request(t.url).post('/api/auth/login').send({ email: 'admin@example.com', password: 'admin-password-1' }).expect(200);
    await request(t.url).post(`/api/admin/users/${local.userId}/reset-password`).set('Authorization', `Bearer ${admin.body.accessToken}`).send({ password: 'a new password here' }).expect(204);
    const refused = await request(t.url).post('/api/auth/login').send({ email: local.email, password: 'a new password here' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_LOGIN_DISABLED', message: expect.stringContaining('Acme SSO') });
    // A wrong password still looks like any wrong password (no SSO oracle).
    expect((await request(t.url).post('/api/auth/login').send({ email: local.email, password: 'wrong password here' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 404 with a code when SSO is not configured', async () => {
    const plain = await startTestApp();
    try {
      expect((await request(plain.url).get('/api/auth/oidc/config').expect(200)).body).toEqual({ enabled: false, label: null });
      for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        expect((await request(plain.url).get(path).expect(404)).body.code).toBe('OIDC_NOT_CONFIGURED');
      }
      expect((await request(plain.url).post('/api/auth/oidc/exchange').expect(404)).body.code).toBe('OIDC_NOT_CONFIGURED');
      expect((await request(plain.url).get('/health/ready').expect(200)).body.details.sso).toMatchObject({ configured: false });
    } finally {
      await plain.close();
    }
  });
});
