import { Redis } from 'ioredis';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';

/** Polls until `check` holds, at most `ms`. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function keysOf(url: string): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await client.keys('*');
  } finally {
    client.disconnect();
  }
}

/** The API rate limit's hit count, summed over every counter in Redis. */
async function throttleHits(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await client.keys(`${prefix}:throttle:*:hits`);
    const values = keys.length ? await client.mget(...keys) : [];
    return values.reduce((sum, v) => sum + Number(v ?? 0), 0);
  } finally {
    client.disconnect();
  }
}

/** A Redis of this file's own, killed (SIGKILL) while the app serves, then started again. */
describe('outage: Redis down', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let user: SignedIn;
  let sessionId: string;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
    user = await registerUser(t.url, 'Rita');
    const created = await t.http.post('/api/sessions').set(as(user)).send({ title: 'standup' });
    expect(created.status).toBe(201);
    sessionId = created.body.id;
  });

  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await redis?.stop();
  });

  it('keeps every key, the API rate limit included, under MINA_REDIS_PREFIX', async () => {
    expect((await t.http.get('/api/me').set(as(user))).status).toBe(200);
    const keys = await keysOf(redis.url);
    expect(keys.some((k) => k.startsWith(`${t.config.redisPrefix}:throttle:`))).toBe(true);
    expect(keys.filter((k) => !k.startsWith(`${t.config.redisPrefix}:`))).toEqual([]);
  });

  it('while down: readiness says why, PostgreSQL-only requests work, writes that need Redis get 503 with a retry hint', async () => {
    await redis.kill();

    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.redis).toMatchObject({ status: 'down', message: expect.any(String) });
    expect(ready.body.details.database).toMatchObject({ status: 'up' });

    // Reads, sign-in and /api/me need only PostgreSQL (the rate limit falls back to memory).
    expect((await t.http.get('/api/me').set(as(user))).status).toBe(200);
    expect((await t.http.get(`/api/sessions/${sessionId}`).set(as(user))).status).toBe(200);
    expect((await t.http.get('/api/meetings').set(as(user))).status).toBe(200);
    const login = await t.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(login.status).toBe(200);

    // Finalizing starts the pipeline (BullMQ, Redis): refused with a reason and a retry hint, not a 500.
    const started = Date.now();
    const finalize = await t.http.post(`/api/sessions/${sessionId}/finalize`).set(as(user));
    expect(finalize.status).toBe(503);
    expect(finalize.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { dependency: 'redis', retryAfterSeconds: expect.any(Number) } });
    expect(Number(finalize.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    // Sign-in failures are still limited, per process, while Redis is away.
    for (let i = 0; i < 10; i++) expect((await t.http.post('/api/auth/login').send({ email: user.email, password: `wrong-${i}` })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(429);
  });

  it('when Redis returns: ready again, and the rate limit counts in Redis again', async () => {
    await redis.start();
    await until(async () => (await t.http.get('/health/ready')).status === 200, 15_000, 'readiness after the restart');
    const before = await throttleHits(redis.url, t.config.redisPrefix);
    expect((await t.http.get('/api/me').set(as(user))).status).toBe(200);
    expect(await throttleHits(redis.url, t.config.redisPrefix)).toBeGreaterThan(before);
    expect((await t.http.post(`/api/sessions/${sessionId}/finalize`).set(as(user))).status).toBe(202);
  });
});

/** A PostgreSQL cluster of this file's own, stopped hard while the app serves, then started again. */
describe('outage: PostgreSQL down', () => {
  let postgres: PrivatePostgres;
  let t: TestApp;
  let user: SignedIn;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database mina');
    await admin.end();
    // No principal cache: every request asks the database who the token's user is.
    t = await startTestApp({ databaseUrl: postgres.url.replace(/\/postgres$/, '/mina'), env: { MINA_AUTH_CACHE_MS: '0' } });
    user = await registerUser(t.url, 'Paula');
  });

  afterAll(async () => {
    await postgres?.start().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await postgres?.stop();
  });

  it('while down: a valid token is not called invalid, sign-in answers 503 with the reason, readiness says why', async () => {
    await postgres.kill();

    const me = await t.http.get('/api/me').set(as(user));
    expect(me.status).toBe(503);
    expect(me.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { dependency: 'database', retryAfterSeconds: expect.any(Number) } });

    const login = await t.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(login.status).toBe(503);
    expect(login.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { dependency: 'database' } });
    expect(JSON.stringify(login.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.database).toMatchObject({ status: 'down', message: expect.any(String) });
  });

  it('when PostgreSQL returns: the same token and sign-in work again', async () => {
    await postgres.start();
    await until(async () => (await t.http.get('/api/me').set(as(user))).status === 200, 20_000, '/api/me after the restart');
    expect((await t.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(200);
  });
});
