import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '#src/app.factory.js';
import { loadConfig, type MinaConfig } from '#src/config/config.js';

export const PG_ADMIN_URL = process.env.MINA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.MINA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type DbKind = 'postgresql' | 'pglite';

export interface TestApp {
  app: INestApplication;
  url: string;
  config: MinaConfig;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  db?: DbKind;
  env?: Record<string, string>;
  /** Reuse an existing database (e.g. a second process of a scale-out test). */
  databaseUrl?: string;
  redisPrefix?: string;
  /** Overrides applied after the environment is read (e.g. short job locks). */
  config?: Partial<MinaConfig>;
}

/** A fresh PostgreSQL database for one test file; dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mina_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** Deletes every Redis key under a test's prefix. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Boots the real application on an ephemeral port against a real PostgreSQL database of its
 * own (or in-memory PGlite) and a private Redis key prefix on the local Redis.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? 'postgresql';
  const database = options.databaseUrl ? undefined : db === 'postgresql' ? await createTestDatabase() : undefined;
  const redisPrefix = options.redisPrefix ?? `minatest-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: redisPrefix,
    MINA_DATA_DIR: `/tmp/mina-test-${redisPrefix}`,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    MINA_ADMIN_DIST: '/nonexistent',
    // Suites scrape /metrics on the API port; the closed default is covered in security-small.
    MINA_METRICS_PUBLIC: 'true',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  if (db === 'pglite' && !env.DATABASE_URL) env.MINA_PGLITE_DIR ??= 'memory://';
  const config: MinaConfig = { ...loadConfig(env), ...options.config };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    config: { ...config, port },
    http: request(url),
    close: async () => {
      await app.close();
      await clearRedisPrefix(redisPrefix);
      await database?.drop();
    },
  };
}
