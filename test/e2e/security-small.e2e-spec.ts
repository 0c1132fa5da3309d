import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORE_SCHEMA, load, loadAll } from 'js-yaml';
import { PasswordService } from '#src/auth/password.service.js';
import { MetricsServer } from '#src/observability/metrics-server.service.js';
import { TRANSCRIPTION_NAMESPACE } from '#src/transcription/transcription.events.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ALLOWED = 'https://console.example.com';
const FOREIGN = 'https://evil.example.net';
const METRICS_TOKEN = 'metrics-token-for-the-scraper-only';

/** The engine.io polling handshake, as a browser on `origin` would open it. */
const pollingHandshake = (t: TestApp, origin?: string) => {
  const req = request(t.url).get(`/socket.io/?EIO=4&transport=polling`);
  return origin ? req.set('Origin', origin) : req;
};

/** Opens a websocket-only Socket.IO connection from `origin`; resolves to 'connected' or the refusal message. */
const websocketFrom = (t: TestApp, user: SignedIn, origin: string): Promise<string> =>
  new Promise((resolve) => {
    const socket = io(`${t.url}${TRANSCRIPTION_NAMESPACE}`, {
      auth: { token: user.accessToken, workspaceId: user.workspaceId },
      transports: ['websocket'],
      extraHeaders: { Origin: origin },
      reconnection: false,
      forceNew: true,
      timeout: 5000,
    });
    socket.once('connect', () => (socket.close(), resolve('connected')));
    socket.once('connect_error', (err) => (socket.close(), resolve(err.message)));
  });

describe('small security findings (issue 11 item 7)', () => {
  let t: TestApp;
  let alice: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({
      env: { CORS_ORIGINS: ALLOWED, MINA_METRICS_PUBLIC: 'false', MINA_METRICS_TOKEN: METRICS_TOKEN, MINA_METRICS_PORT: '0' },
    });
    alice = await registerUser(t.url, 'Alice');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('CORS_ORIGINS holds for the Socket.IO server as for HTTP', () => {
    it('refuses the polling handshake from a foreign origin, and gives a listed one its CORS header', async () => {
      expect((await pollingHandshake(t, FOREIGN)).status).toBe(403);
      const allowed = await pollingHandshake(t, ALLOWED);
      expect(allowed.status).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      // HTTP answers the same origin the same way.
      const http = await request(t.url).get('/health/live').set('Origin', ALLOWED);
      expect(http.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect((await request(t.url).get('/health/live').set('Origin', FOREIGN)).headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a websocket from a foreign origin; the listed origin, the page itself and non-browser clients connect', async () => {
      expect(await websocketFrom(t, alice, FOREIGN)).not.toBe('connected');
      expect(await websocketFrom(t, alice, ALLOWED)).toBe('connected');
      expect(await websocketFrom(t, alice, t.url)).toBe('connected');
      expect((await pollingHandshake(t)).status).toBe(200);
    });
  });

  describe('Cache-Control', () => {
    it('is no-store on authenticated answers and on token-bearing ones', async () => {
      const me = await request(t.url).get('/api/me').set(as(alice));
      expect(me.status).toBe(200);
      expect(me.headers['cache-control']).toBe('no-store');
      const list = await request(t.url).get('/api/meetings').set(as(alice));
      expect(list.headers['cache-control']).toBe('no-store');
      const login = await request(t.url).post('/api/auth/login').send({ email: alice.email, password: 'correct horse battery' });
      expect(login.status).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
    });
  });

  describe('/metrics and /docs-json are not an open book', () => {
    it('answers /metrics on the API port only with the bearer token', async () => {
      expect((await request(t.url).get('/metrics')).status).toBe(401);
      expect((await request(t.url).get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length')).status).toBe(401);
      const ok = await request(t.url).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('# TYPE mina_http_request_duration_seconds histogram');
    });

    it('serves /metrics on MINA_METRICS_PORT', async () => {
      const port = t.app.get(MetricsServer).port;
      expect(port).toBeGreaterThan(0);
      const base = `http://127.0.0.1:${port}`;
      expect((await request(base).get('/metrics')).status).toBe(401);
      const ok = await request(base).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('mina_process_cpu_seconds_total');
      expect((await request(base).get('/api/me')).status).toBe(404);
    });

    it('lists no instance-admin paths in the public OpenAPI document', async () => {
      const doc = await request(t.url).get('/docs-json').expect(200);
      const paths = Object.keys(doc.body.paths as Record<string, unknown>);
      expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me']));
      expect(paths.filter((p) => p.startsWith('/api/admin'))).toEqual([]);
    });

    it('keeps the Kubernetes scrape annotations on the port MINA_METRICS_PORT names', () => {
      const root = join(import.meta.dirname, '..', '..');
      const config = load(readFileSync(join(root, 'ops/k8s/configmap.yaml'), 'utf8'), { schema: CORE_SCHEMA }) as { data: Record<string, string> };
      const port = config.data.MINA_METRICS_PORT;
      expect(port).toMatch(/^\d+$/);
      for (const file of ['api.yaml', 'worker.yaml']) {
        type Workload = { kind: string; spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: { ports: { containerPort: number }[] }[] } } } };
        const docs = loadAll(readFileSync(join(root, 'ops/k8s', file), 'utf8'), null, { schema: CORE_SCHEMA }) as Workload[];
        const template = docs.find((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet')!.spec.template;
        expect(template.metadata.annotations['prometheus.io/port'], file).toBe(port);
        const ports = template.spec.containers[0].ports;
        expect(ports.map((p) => String(p.containerPort)), file).toContain(port);
      }
    });
  });
  describe('registration does not tell whether an email has an account', () => {

    const PASSWORD = 'correct horse battery';

    it('answers a taken email exactly as a new one, hashes on both paths, and leaves the account alone', async () => {
      const hash = vi.spyOn(t.app.get(PasswordService), 'hash');
      const fresh = `fresh-${Date.now()}@example.com`;
      const newcomer = await request(t.url).post('/api/auth/register').send({ email: fresh, password: PASSWORD, name: 'New' });
      const hashesForNew = hash.mock.calls.length;
      const started = Date.now();
      const taken = await request(t.url).post('/api/auth/register').send({ email: alice.email.toUpperCase(), password: 'another password 1', name: 'Mallory' });
      const elapsed = Date.now() - started;
      expect(hash.mock.calls.length - hashesForNew).toBe(hashesForNew);
      hash.mockRestore();

      expect([newcomer.status, taken.status]).toEqual([201, 201]);
      const shape = (body: Record<string, unknown>) => ({ ...body, email: undefined });
      expect(shape(taken.body as Record<string, unknown>)).toEqual(shape(newcomer.body as Record<string, unknown>));
      expect(taken.body).toEqual({ email: alice.email, message: expect.any(String) });
      expect(taken.headers['content-length']).toBe(String(Number(newcomer.headers['content-length']) + alice.email.length - fresh.length));
      // The floor that covers the inserts a new account costs (a lower bound, not a speed).
      expect(elapsed).toBeGreaterThanOrEqual(t.config.registerMinMs - 5);

      await request(t.url).post('/api/auth/login').send({ email: fresh, password: PASSWORD }).expect(200);
      await request(t.url).post('/api/auth/login').send({ email: alice.email, password: 'another password 1' }).expect(401);
      await request(t.url).post('/api/auth/login').send({ email: alice.email, password: PASSWORD }).expect(200);
    });
  });

  describe('workspace slugs', () => {
    it('never answers SLUG_TAKEN: a taken slug and a free one are answered alike', async () => {
      const bob = await registerUser(t.url, 'Bob');
      const wanted = `acme${Date.now()}`;
      const first = await request(t.url).post('/api/workspaces').set(as(alice)).send({ name: 'Acme', slug: wanted });
      const second = await request(t.url).post('/api/workspaces').set(as(bob)).send({ name: 'Acme too', slug: wanted });
      expect([first.status, second.status]).toEqual([201, 201]);
      for (const body of [first.body, second.body] as { slug: string }[]) expect(body.slug).toMatch(new RegExp(`^${wanted}-[0-9a-f]{6}$`));
      expect(first.body.slug).not.toBe(second.body.slug);
    });
  });

  describe('access tokens die with the sign-in they came from', () => {
    const PASSWORD = 'correct horse battery';
    type Pair = { accessToken: string; refreshToken: string };
    const signIn = async (email: string): Promise<Pair> =>
      (await request(t.url).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body as Pair;
    const me = async (pair: Pair): Promise<number> => (await request(t.url).get('/api/me').set('Authorization', `Bearer ${pair.accessToken}`)).status;

    it('logout ends that device\'s access token (REST and socket) and leaves the other devices signed in', async () => {
      const user = await registerUser(t.url, 'Two Devices');
      const [laptop, phone] = [await signIn(user.email), await signIn(user.email)];
      await request(t.url).post('/api/auth/logout').send({ refreshToken: laptop.refreshToken }).expect(204);
      expect(await me(laptop)).toBe(401);
      expect(await websocketFrom(t, { ...user, accessToken: laptop.accessToken }, t.url)).not.toBe('connected');
      expect(await me(phone)).toBe(200);
      expect(await websocketFrom(t, { ...user, accessToken: phone.accessToken }, t.url)).toBe('connected');
    });

    it('logout-all ends every access and refresh token of the user at once', async () => {
      const user = await registerUser(t.url, 'Everywhere');
      const [laptop, phone] = [await signIn(user.email), await signIn(user.email)];
      await request(t.url).post('/api/auth/logout-all').set('Authorization', `Bearer ${laptop.accessToken}`).expect(204);
      expect([await me(laptop), await me(phone), await me(user)]).toEqual([401, 401, 401]);
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
      expect(await websocketFrom(t, { ...user, accessToken: phone.accessToken }, t.url)).not.toBe('connected');
      expect(await me(await signIn(user.email))).toBe(200);
    });

    it('a reused refresh token (theft) ends the access tokens already handed out', async () => {
      const user = await registerUser(t.url, 'Stolen');
      const first = await signIn(user.email);
      const other = await signIn(user.email);
      const rotated = (await request(t.url).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body as Pair;
      expect(await me(rotated)).toBe(200);
      await request(t.url).post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect([await me(rotated), await me(other)]).toEqual([401, 401]);
    });
  });
});

describe('metrics and docs defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MINA_METRICS_PUBLIC: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not serve /metrics on the API port unless configured', async () => {
    const res = await request(t.url).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).toContain('NOT_FOUND');
  });

  it('refuses a foreign origin at the socket handshake with CORS_ORIGINS unset (same origin only)', async () => {
    expect((await pollingHandshake(t, FOREIGN)).status).toBe(403);
    expect((await pollingHandshake(t, t.url)).status).toBe(200);
  });
});
