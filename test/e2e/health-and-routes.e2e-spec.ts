import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY } from '#src/auth/decorators.js';
import { createTestDatabase, startTestApp, TEST_REDIS_URL, type TestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

describe('every route declares who may call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds an access declaration on each handler or its controller', () => {
    const undeclared: string[] = [];
    let routes = 0;
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    for (const wrapper of controllers) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const classAccess = Reflect.getMetadata(ACCESS_KEY, controller) as string | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes += 1;
        const access = (Reflect.getMetadata(ACCESS_KEY, handler) as string | undefined) ?? classAccess;
        if (!access) {
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          undeclared.push(`${controller.name}.${name} (${method})`);
        }
      }
    }
    expect(routes).toBeGreaterThan(30);
    expect(undeclared).toEqual([]);
  });
});

describe('readiness follows the database and Redis', () => {
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  const redisProxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_REDIS_URL).port || 6379));
  let t: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = () => db.drop();
    await pgProxy.start();
    await redisProxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(pgProxy.port);
    t = await startTestApp({ databaseUrl: viaProxy.toString(), env: { REDIS_URL: `redis://127.0.0.1:${redisProxy.port}` } });
  });
  afterAll(async () => {
    await redisProxy.restore();
    await pgProxy.restore();
    await t?.close();
    await pgProxy.cut();
    await redisProxy.cut();
    await drop?.();
  });

  const readyStatus = async () => (await t.http.get('/health/ready')).status;

  it('answers 503 while Redis is unreachable and 200 again when it returns', async () => {
    expect(await readyStatus()).toBe(200);
    await redisProxy.cut();
    expect(await waitFor(async () => (await readyStatus()) === 503, 10_000)).toBe(true);
    const body = (await t.http.get('/health/ready')).body;
    expect(body.details.redis.status).toBe('down');
    expect(body.details.database.status).toBe('up');
    expect((await t.http.get('/health/live')).status).toBe(200);
    await redisProxy.restore();
    expect(await waitFor(async () => (await readyStatus()) === 200, 15_000)).toBe(true);
  });

  it('answers 503 while PostgreSQL is unreachable and 200 again when it returns', async () => {
    await pgProxy.cut();
    expect(await waitFor(async () => (await readyStatus()) === 503, 10_000)).toBe(true);
    expect((await t.http.get('/health/ready')).body.details.database.status).toBe('down');
    await pgProxy.restore();
    expect(await waitFor(async () => (await readyStatus()) === 200, 15_000)).toBe(true);
  });
});
