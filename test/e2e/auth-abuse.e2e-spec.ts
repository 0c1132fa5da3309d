import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type SignedIn } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';

/**
 * Sign-in and registration abuse behind a proxy: every request arrives from the proxy, and the
 * client is whatever X-Forwarded-For the trusted proxy (loopback here) says.
 */
describe('auth abuse', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        MINA_LOGIN_FAILURES_PER_MINUTE: '5',
        MINA_LOGIN_ACCOUNT_FAILURES_PER_MINUTE: '12',
        MINA_LOGIN_CLIENT_FAILURES_PER_MINUTE: '20',
        MINA_REGISTRATIONS_PER_CLIENT_PER_HOUR: '4',
        MINA_REGISTRATIONS_PER_MINUTE: '8',
      },
    });
    alice = await registerUser(t.url, 'Alice');
    bob = await registerUser(t.url, 'Bob');
  });

  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, client: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', client).send({ email, password });

  it('one user mistyping behind the office proxy does not lock out the others', async () => {
    for (let i = 0; i < 5; i++) expect((await login(alice.email, `typo-${i}`, '10.9.0.1')).status).toBe(401);
    const locked = await login(alice.email, PASSWORD, '10.9.0.1');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Same proxy address, another account: signs in (the old per-address counter refused it).
    expect((await login(bob.email, PASSWORD, '10.9.0.1')).status).toBe(200);
    // Alice from her phone's network is not the one guessing: she gets in.
    expect((await login(alice.email, PASSWORD, '10.9.0.2')).status).toBe(200);
  });

  it('guessing at one account from many clients is stopped at the per-account ceiling', async () => {
    const victim = await registerUser(t.url, 'Victim');
    for (let i = 0; i < 12; i++) expect((await login(victim.email, `guess-${i}`, `10.8.${i}.1`)).status).toBe(401);
    expect((await login(victim.email, PASSWORD, '10.8.99.1')).status).toBe(429);
  });

  it('spraying many accounts from one client is stopped at the (higher) per-client ceiling', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`spray${i}@example.com`, 'Winter2026!', '10.7.0.1')).status).toBe(401);
    expect((await login(bob.email, PASSWORD, '10.7.0.1')).status).toBe(429);
    expect((await login(bob.email, PASSWORD, '10.7.0.2')).status).toBe(200);
  });

  it('registration is throttled per client and instance-wide', async () => {
    const register = (client: string, i: number) =>
      t.http.post('/api/auth/register').set('X-Forwarded-For', client).send({ email: `burst-${client}-${i}-${Date.now()}@example.com`, password: PASSWORD, name: 'Burst' });
    // The two users of beforeAll came from 127.0.0.1: this client starts at zero.
    const one = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => register('10.6.0.1', i)));
    expect(one.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 429, 429]);
    const refused = one.find((r) => r.status === 429)!;
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    // Instance-wide, 8 a minute: however a window boundary splits a burst of 20 from 20 clients, at most 16 get through.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, n) => register(`10.5.${n}.1`, n)));
    expect(burst.every((r) => r.status === 201 || r.status === 429)).toBe(true);
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(4);
  });
});

const OPS = resolve(import.meta.dirname, '../../ops');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML is walked loosely.
const readYaml = (file: string): Record<string, any> => load(readFileSync(join(OPS, file), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Record<string, any>;

/** The shipped proxy setups tell Mina who the client is; left at loopback, every client is the proxy. */
describe('auth abuse: the shipped proxy configurations', () => {
  it('docker compose (nginx in front) and Kubernetes (an ingress in front) trust exactly one proxy hop', () => {
    const services = readYaml('docker-compose.yml').services as Record<string, { environment: Record<string, string>; ports?: unknown }>;
    for (const api of ['api-1', 'api-2']) {
      expect(services[api].environment.TRUST_PROXY, api).toBe('1');
      // One hop is only right if nothing but nginx reaches the api.
      expect(services[api].ports, api).toBeUndefined();
    }
    expect(readYaml('k8s/configmap.yaml').data.TRUST_PROXY).toBe('1');
    expect(readFileSync(join(OPS, 'nginx/nginx.conf'), 'utf8')).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  });

  it('with one trusted hop the client is the address the proxy appended, whatever the client wrote before it', async () => {
    const app = await startTestApp({ env: { TRUST_PROXY: '1', MINA_LOGIN_FAILURES_PER_MINUTE: '3' } });
    try {
      const user = await registerUser(app.url, 'Olga');
      // The client forges a different address each time; nginx appends the real one (10.3.0.1).
      for (let i = 0; i < 3; i++) {
        const res = await app.http.post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}, 10.3.0.1`).send({ email: user.email, password: 'nope' });
        expect(res.status).toBe(401);
      }
      const forged = await app.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.99, 10.3.0.1').send({ email: user.email, password: PASSWORD });
      expect(forged.status).toBe(429);
      expect((await app.http.post('/api/auth/login').set('X-Forwarded-For', '10.3.0.2').send({ email: user.email, password: PASSWORD })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
