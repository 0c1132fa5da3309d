import * as Sentry from '@sentry/nestjs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupJobs } from '#src/backups/backup.jobs.js';
import type { BackupTunedConfig } from '#src/backups/backup-settings.js';
import { TRANSCRIPTION_NAMESPACE, type ChunkAck, type JoinAck } from '#src/transcription/transcription.events.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { call, createSession, register, type ClientSocket } from './transcription-client.js';

interface Envelope {
  path: string;
  raw: string;
  items: { type: string; payload: Record<string, unknown> }[];
}

/** A Sentry ingest endpoint on a local port: keeps every envelope POSTed to /api/<project>/envelope/. */
async function startSentryServer(): Promise<{ server: Server; port: number; envelopes: Envelope[] }> {
  const envelopes: Envelope[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const raw = body.toString('utf8');
      // Envelope: a header line, then (item header, payload) line pairs.
      const lines = raw.split('\n').filter(Boolean);
      const items: Envelope['items'] = [];
      for (let i = 1; i + 1 < lines.length; i += 2) {
        items.push({
          type: (JSON.parse(lines[i]) as { type: string }).type,
          payload: JSON.parse(lines[i + 1]) as Record<string, unknown>,
        });
      }
      envelopes.push({ path: req.url ?? '', raw, items });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, envelopes };
}

describe('Sentry receives unhandled errors with the request id', () => {
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  let sentry: Awaited<ReturnType<typeof startSentryServer>>;
  let t: TestApp;
  let drop: () => Promise<void>;
  let dbUrl: string;
  const backupDir = mkdtempSync(join(tmpdir(), 'mina-sentry-backups-'));

  beforeAll(async () => {
    sentry = await startSentryServer();
    // What main.ts does first: src/instrument.ts initialises Sentry from SENTRY_DSN before the app loads.
    process.env.SENTRY_DSN = `http://publickey@127.0.0.1:${sentry.port}/1`;
    await import('#src/instrument.js');
    expect(Sentry.getClient()?.getDsn()?.host).toBe('127.0.0.1');

    const db = await createTestDatabase();
    dbUrl = db.url;
    drop = () => db.drop();
    await pgProxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(pgProxy.port);
    // Backups that fail (no pg_dump there): a job failed for good is reported whatever its queue.
    const tuned: Partial<BackupTunedConfig> = { backups: { pgDump: join(backupDir, 'no-such-pg_dump') } };
    t = await startTestApp({
      databaseUrl: viaProxy.toString(),
      env: { SENTRY_DSN: process.env.SENTRY_DSN, MINA_BACKUP_DIR: backupDir, MINA_BACKUP_KEY: randomBytes(32).toString('base64') },
      config: tuned,
    });
  });

  afterAll(async () => {
    await pgProxy.restore();
    await t?.close();
    await pgProxy.cut();
    await drop?.();
    await Sentry.close(2_000);
    delete process.env.SENTRY_DSN;
    await new Promise((resolve) => sentry?.server.close(resolve));
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('reports an unexpected 500, tagged with the request id, without credentials; a database outage is a 503, not an error report', async () => {
    const user = await register(t, 'sentry');
    await t.http.get('/api/me').set('Authorization', `Bearer ${user.token}`).expect(200);
    expect(sentry.envelopes.filter((e) => e.items.some((i) => i.type === 'event'))).toHaveLength(0);

    // The database vanishing is an outage the API names (503 with the dependency), not a bug to report.
    await pgProxy.cut();
    const outageId = `sentry-outage-${Date.now()}`;
    const outage = await t.http.get('/api/workspaces').set('Authorization', `Bearer ${user.token}`).set('X-Request-Id', outageId);
    await pgProxy.restore();
    expect(outage.status).toBe(503);
    expect(outage.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { dependency: 'database' }, requestId: outageId });

    // A table the code expects is gone: a real fault, answered 500 without detail and reported.
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    const requestId = `sentry-e2e-${Date.now()}`;
    let res;
    try {
      await admin.query('alter table "workspace" rename to "workspace_gone"');
      res = await t.http.get('/api/workspaces').set('Authorization', `Bearer ${user.token}`).set('X-Request-Id', requestId);
    } finally {
      await admin.query('alter table "workspace_gone" rename to "workspace"');
      await admin.end();
    }
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      requestId,
    });

    await Sentry.flush(5_000);
    await expect.poll(() => sentry.envelopes.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const events = sentry.envelopes.flatMap((e) =>
      e.items.filter((i) => i.type === 'event').map((i) => ({ envelope: e, event: i.payload })),
    );
    const ours = events.filter(
      ({ event }) => (event.tags as Record<string, string> | undefined)?.request_id === requestId,
    );
    expect(ours).toHaveLength(1);
    expect(events.filter(({ event }) => (event.tags as Record<string, string> | undefined)?.request_id === outageId)).toHaveLength(0);
    const { envelope, event } = ours[0];
    expect(envelope.path).toMatch(/^\/api\/1\/envelope\//);
    expect(event).toMatchObject({ level: 'error', environment: 'test' });
    const exception = (event.exception as { values: { type: string; value: string }[] }).values.at(-1)!;
    expect(exception.value.length).toBeGreaterThan(0);
    expect(envelope.raw).not.toContain(user.token);
  });

  it('reports an unexpected error in a socket handler, tagged with the handshake request id and event', async () => {
    const user = await register(t, 'sentry-socket');
    const sessionId = await createSession(t, user);
    const requestId = `sentry-socket-${Date.now()}`;
    const socket: ClientSocket = io(`${t.url}${TRANSCRIPTION_NAMESPACE}`, {
      auth: { token: user.token, workspaceId: user.workspaceId },
      extraHeaders: { 'x-request-id': requestId },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise((resolve, reject) =>
      socket.once('connect', () => resolve(undefined)).once('connect_error', reject),
    );
    try {
      expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
      // The first chunk is spooled in Redis, then marks the session recording in PostgreSQL — which is gone.
      await pgProxy.cut();
      const ack = await call<ChunkAck>(socket, 'audio:chunk', {
        sessionId,
        seq: 0,
        format: 'pcm16',
        sampleRate: 16_000,
        data: Buffer.alloc(3200),
      });
      await pgProxy.restore();
      expect(ack).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      await pgProxy.restore();
      socket.close();
    }
    await Sentry.flush(5_000);
    const event = () =>
      sentry.envelopes
        .flatMap((e) => e.items)
        .find(
          (i) =>
            i.type === 'event' &&
            (i.payload.tags as Record<string, string> | undefined)?.request_id === requestId,
        );
    await expect.poll(event, { timeout: 10_000 }).toBeDefined();
    expect(event()!.payload.tags).toMatchObject({ socket_event: 'audio:chunk' });
  });

  it('does not report client errors (4xx)', async () => {
    const before = sentry.envelopes.length;
    await t.http.get('/api/me').expect(401);
    await t.http.get('/api/nope').expect(404);
    await Sentry.flush(2_000);
    expect(
      sentry.envelopes
        .slice(before)
        .flatMap((e) => e.items)
        .filter((i) => i.type === 'event'),
    ).toHaveLength(0);
  });

  it('reports a job that failed for good, tagged with its queue, job and id (here a backup)', async () => {
    const { id } = await t.app.get(BackupJobs).request({});
    const tags = () =>
      sentry.envelopes
        .flatMap((e) => e.items)
        .filter((i) => i.type === 'event')
        .map((i) => i.payload.tags as Record<string, string> | undefined)
        .find((tag) => tag?.job_id === `backup-${id}`);
    await expect
      .poll(
        async () => {
          await Sentry.flush(500);
          return tags();
        },
        { timeout: 15_000 },
      )
      .toBeDefined();
    expect(tags()).toMatchObject({ queue: 'backups', job: 'backup' });
  });
});
