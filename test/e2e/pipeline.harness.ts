/* Shared by the pipeline and search e2e specs: apps with pipeline tuning, users, sessions with real transcripts, socket events. */
import type { INestApplication } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import request from 'supertest';
import { createApp } from '#src/app.factory.js';
import { loadConfig, type MinaConfig, type ProcessRole } from '#src/config/config.js';
import type { PipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { sessionRoom, socketIoKey, TRANSCRIPTION_NAMESPACE, workspaceRoom } from '#src/pipeline/pipeline-rooms.js';
import type { PipelineEventPayload } from '#src/pipeline/pipeline-events.js';
import { Segment } from '#src/sessions/entities/segment.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';
import { meetingsDir } from '../support/fixtures.js';

export const FAST: Partial<PipelineSettings> = { backoffMs: 100, lockMs: 2_000, stalledIntervalMs: 1_000, llmTimeoutMs: 5_000, sweepEveryMs: 60_000 };

export interface PipelineApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: MinaConfig;
  close(): Promise<void>;
}

export interface Stack {
  databaseUrl: string | undefined;
  redisPrefix: string;
  start(options?: { role?: ProcessRole; env?: Record<string, string>; pipeline?: Partial<PipelineSettings> }): Promise<PipelineApp>;
  close(): Promise<void>;
}

/** One database and Redis prefix shared by any number of app processes (api, worker, all). */
export async function createStack(db: 'postgresql' | 'pglite' = 'postgresql'): Promise<Stack> {
  const database = db === 'postgresql' ? await createTestDatabase() : undefined;
  const redisPrefix = `minatest-${randomBytes(4).toString('hex')}`;
  const apps: PipelineApp[] = [];
  return {
    databaseUrl: database?.url,
    redisPrefix,
    async start(options = {}) {
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: TEST_REDIS_URL,
        MINA_REDIS_PREFIX: redisPrefix,
        MINA_DATA_DIR: `/tmp/mina-test-${redisPrefix}`,
        JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
        MINA_ADMIN_DIST: '/nonexistent',
        MINA_METRICS_PUBLIC: 'true',
        MINA_ROLE: options.role ?? 'all',
        ...(database ? { DATABASE_URL: database.url } : { MINA_PGLITE_DIR: 'memory://' }),
        ...options.env,
      };
      const config = { ...loadConfig(env), pipeline: { ...FAST, ...options.pipeline } };
      const app = await createApp(config);
      await app.listen(0, '127.0.0.1');
      const port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
      let closed = false;
      const handle: PipelineApp = {
        app,
        config,
        http: request(`http://127.0.0.1:${port}`),
        close: async () => {
          if (closed) return;
          closed = true;
          await app.close();
        },
      };
      apps.push(handle);
      return handle;
    },
    async close() {
      for (const a of apps.reverse()) await a.close().catch(() => undefined);
      await clearRedisPrefix(redisPrefix);
      await database?.drop();
    },
  };
}

export interface Member {
  token: string;
  userId: string;
  workspaceId: string;
  name: string;
  auth: Record<string, string>;
}

export async function register(http: PipelineApp['http'], name = 'Laura Smith'): Promise<Member> {
  const email = `${randomBytes(5).toString('hex')}@example.com`;
  await http.post('/api/auth/register').send({ email, password: 'correct horse battery', name }).expect(201);
  const reg = await http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
  const token = (reg.body as { accessToken: string }).accessToken;
  const me = await http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  const body = me.body as { id: string; memberships: { workspaceId: string }[] };
  const workspaceId = body.memberships[0].workspaceId;
  return { token, userId: body.id, workspaceId, name, auth: { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId } };
}

export async function createSession(http: PipelineApp['http'], member: Member, title = 'Kick-off'): Promise<string> {
  const res = await http.post('/api/sessions').set(member.auth).send({ title }).expect(201);
  return (res.body as { id: string }).id;
}

const FIXTURES = meetingsDir();

/** Turns of a real meeting as final segments: 150 words a minute, 250 ms between turns. */
export function meetingTurns(file: string, limit = Infinity): { speaker: string; text: string; startMs: number; endMs: number }[] {
  const { meeting_transcripts: turns } = JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) as {
    meeting_transcripts: { speaker: string; content: string }[];
  };
  let at = 0;
  return turns.slice(0, limit).map((turn) => {
    const words = turn.content.replace(/\{[^}]*\}/g, '').match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
    const ms = Math.max(400, Math.round((words / 150) * 60_000));
    const segment = { speaker: turn.speaker, text: turn.content, startMs: at, endMs: at + ms };
    at += ms + 250;
    return segment;
  });
}

export const MEETING_START = new Date('2026-11-18T10:00:00Z');

/** Inserts final segments as the transcription path would have (the session stays as it is). */
export async function insertSegments(app: INestApplication, sessionId: string, segments: { speaker: string | null; text: string; startMs: number; endMs: number }[]): Promise<void> {
  const em = app.get(EntityManager).fork();
  const session = await em.findOneOrFail(TranscriptionSession, { id: sessionId });
  segments.forEach((s, seq) => em.create(Segment, { session, seq, kind: 'final', text: s.text, speaker: s.speaker ?? undefined, startMs: s.startMs, endMs: s.endMs, confidence: 0.9 }));
  session.startedAt = MEETING_START;
  await em.flush();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function waitForStatus(http: PipelineApp['http'], member: Member, sessionId: string, status: string, timeoutMs = 20_000): Promise<InsightsBody> {
  return waitFor(`session ${sessionId} to be ${status}`, async () => {
    const res = await http.get(`/api/sessions/${sessionId}/insights`).set(member.auth);
    const body = res.body as InsightsBody;
    return body.status === status ? body : undefined;
  }, timeoutMs);
}

export interface InsightsBody {
  sessionId: string;
  status: string;
  fallbackUsed: boolean;
  stages: Record<'refinement' | 'analytics' | 'tasks' | 'summary', { status: string; error?: string; fallbackUsed: boolean; attempts: number }>;
  transcript: { id: string; text: string; refinedText: string | null; startMs: number; endMs: number; speaker: string | null }[];
  summary: { overview: string; keyPoints: unknown[]; decisions: { text: string; speaker?: string; atMs?: number }[]; risks: unknown[]; questions: unknown[]; fallbackUsed: boolean; model: string | null } | null;
  tasks: { id: string; title: string; assignedToId: string | null; assigneeName: string | null; dueDate: string | null; sourceStartMs: number | null; evidence: string | null; extracted: boolean; sessionId: string | null }[];
  analytics: { talkTime: { speaker: string; share: number }[]; wordsPerMinute: number; topics: string[]; sentiment: number; details: Record<string, unknown> } | null;
}

/**
 * A Socket.IO server on the same Redis adapter channel the gateway uses, with clients in the
 * session and workspace rooms: proves the worker's emitter reaches real sockets.
 */
export async function listenToRooms(redisPrefix: string, rooms: { sessionIds?: string[]; workspaceId?: string }) {
  const pub = new Redis(TEST_REDIS_URL);
  const sub = pub.duplicate();
  const httpServer = createServer();
  const server = new Server(httpServer, { adapter: createAdapter(pub, sub, { key: socketIoKey(redisPrefix) }) });
  const names = [...(rooms.sessionIds ?? []).map(sessionRoom), ...(rooms.workspaceId ? [workspaceRoom(rooms.workspaceId)] : [])];
  server.of(TRANSCRIPTION_NAMESPACE).on('connection', (socket) => void socket.join(names));
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done));
  const client = io(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${TRANSCRIPTION_NAMESPACE}`, { transports: ['websocket'] });
  const events: PipelineEventPayload[] = [];
  const statuses: { sessionId: string; status: string }[] = [];
  client.on('pipeline', (e: PipelineEventPayload) => events.push(e));
  client.on('session:status', (e: { sessionId: string; status: string }) => statuses.push(e));
  await new Promise<void>((done) => client.on('connect', done));
  await sleep(100);
  return {
    events,
    statuses,
    of: (sessionId: string) => events.filter((e) => e.sessionId === sessionId).map((e) => e.event),
    async close() {
      client.close();
      await server.close();
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** The instance admin an app is started with (MINA_ADMIN_EMAIL / MINA_ADMIN_PASSWORD). */
export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
export const adminEnv = { MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password };

export async function loginAdmin(http: PipelineApp['http']): Promise<Record<string, string>> {
  const login = await http.post('/api/auth/login').send(ADMIN).expect(200);
  return { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
}

export interface DeadLetterBody {
  id: string;
  queue: string;
  jobName: string;
  sessionId: string;
  error: string;
  stack: string | null;
  attempts: number;
  data: Record<string, unknown>;
  failedAt: string;
  createdAt: string;
}
