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
