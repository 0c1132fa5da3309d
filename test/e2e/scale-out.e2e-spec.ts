/*
 * Scale-out (issue 5 item 5): the production build (dist/src/main.js) as three real processes — api ×2 and
 * worker ×1 — on one PostgreSQL database and one Redis prefix, with the fake OpenAI for ASR and chat.
 * Then SIGTERM on an api process mid-stream: it drains (src/transcription/processing/shutdown-drain.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL, type TestApp } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import { DRAINING_EVENT } from '#src/transcription/processing/shutdown-drain.js';
import type { DrainingNotice } from '#src/transcription/transcription.events.js';
import type { Ack, ChunkAck, EndAck, JoinAck, PipelineEvent, SegmentEvent } from '#src/transcription/transcription.events.js';
import {
  call,
  chunks,
  collectSegments,
  createSession,
  ES2002A,
  finalSegments,
  loadFixture,
  register,
  stream,
  uniqueFinals,
  until,
  userSocket,
  words,
  type User,
} from './transcription-client.js';
import { freePort } from '#src/redis/redis-launcher.js';

interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const MAIN = 'dist/src/main.js';

/** Builds dist/ when it is missing or older than any source (the build takes ~1 min; `npm run build:api` beforehand saves it). */
function ensureBuilt(): void {
  const built = statSync(MAIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const path = join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(path) : e.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
    }, 0);
  if (Math.max(newest('src'), newest('migrations')) > built) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  }
}

const asApp = (url: string): TestApp => ({ url, http: request(url) }) as unknown as TestApp;

describe('scale-out: api ×2 + worker ×1 as real processes of the built server', () => {
  let fake: FakeOpenAI;
  let database: { url: string; drop(): Promise<void> };
  const redisPrefix = `minatest-${randomBytes(4).toString('hex')}`;
  const procs: Proc[] = [];
  let api1: Proc;
  let api2: Proc;
  let owner: User;
  const fixture = loadFixture();
  const data = chunks(fixture, 400);

  async function startProc(name: string, role: 'api' | 'worker'): Promise<Proc> {
    const port = await freePort();
    const log = createWriteStream(`/tmp/${redisPrefix}-${name}.log`);
    const child = spawn(process.execPath, [MAIN], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        MINA_ROLE: role,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        MINA_REDIS_PREFIX: redisPrefix,
        MINA_DATA_DIR: `/tmp/mina-test-${redisPrefix}`,
        JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
        MINA_ADMIN_DIST: '/nonexistent',
        MINA_METRICS_PUBLIC: 'true',
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-fake',
        MINA_ASR_MODEL: 'whisper-1',
        MINA_JOB_LOCK_MS: '2000',
        LOG_LEVEL: 'info',
      },
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    const proc: Proc = { name, child, url: `http://127.0.0.1:${port}`, exited };
    procs.push(proc);
    let dead = false;
    void exited.then(() => (dead = true));
    await until(
      async () => {
        if (dead) throw new Error(`${name} exited at start; see /tmp/${redisPrefix}-${name}.log`);
        return fetch(`${proc.url}/health/live`).then((r) => r.ok, () => false);
      },
      60_000,
      `${name} to listen`,
    );
    return proc;
  }

  beforeAll(async () => {
    ensureBuilt();
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    scriptLlm(fake, { assignee: 'owner' });
    database = await createTestDatabase();
    // The first process migrates the fresh database; the others start once it is ready.
    api1 = await startProc('api1', 'api');
    [api2] = await Promise.all([startProc('api2', 'api'), startProc('worker', 'worker')]);
    owner = await register(asApp(api1.url), 'owner');
  }, 150_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await clearRedisPrefix(redisPrefix);
    await database?.drop();
    await fake?.close();
  });

  it('a client on api #1 sees the live segments of a session streamed through api #2, and the worker’s pipeline events', async () => {
    const sessionId = await createSession(asApp(api1.url), owner);
    const watcher = await userSocket(asApp(api1.url), owner);
    const watched = collectSegments(watcher);
    const pipeline: PipelineEvent[] = [];
    watcher.on('pipeline', (e) => pipeline.push(e));
    expect(await call<JoinAck>(watcher, 'session:join', { sessionId })).toMatchObject({ ok: true });

    const mic = await userSocket(asApp(api2.url), owner, { clientId: 'mic-scale-out-1' });
    const seenByMic = collectSegments(mic);
    expect(await call<JoinAck>(mic, 'session:join', { sessionId })).toMatchObject({ ok: true, canStream: true });
    const acks = await stream(mic, sessionId, data);
    expect(acks.every((a) => a.ok)).toBe(true);
    // Live, before the end: api #2 transcribes, api #1's client gets the segments through the Redis adapter.
    await until(() => uniqueFinals(watched).length >= 3, 20_000, 'live finals on api #1');

    expect(await call<EndAck>(mic, 'session:end', { sessionId })).toMatchObject({ ok: true, status: 'processing', transcribed: true });
    const persisted = await finalSegments(asApp(api1.url), owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(uniqueFinals(watched).map((s) => s.seq)).toEqual(persisted.map((s) => s.seq));
    expect(uniqueFinals(seenByMic).length).toBe(persisted.length);

    // The pipeline runs only in the worker process (api processes have no queue workers).
    await until(() => pipeline.some((e) => e.event === 'post_transcription_reveal'), 45_000, 'post_transcription_reveal from the worker');
    const names = pipeline.map((e) => e.event);
    expect(names).toEqual(expect.arrayContaining(['refinement_started', 'refinement_ready', 'analytics_started', 'analytics_ready', 'summary_started', 'summary_ready', 'post_transcription_reveal']));
    expect(pipeline.every((e) => e.sessionId === sessionId)).toBe(true);
    expect(fake.requests.some((r) => r.route === 'chat')).toBe(true);
    // Jobs ran in the worker process, none in the api processes.
    const jobsDone = async (p: Proc) => /^mina_job_duration_seconds_count\{[^}]*state="completed"[^}]*\} [1-9]/m.test(await (await fetch(`${p.url}/metrics`)).text());
    expect(await jobsDone(procs.find((p) => p.name === 'worker')!)).toBe(true);
    expect(await jobsDone(api1)).toBe(false);
    expect(await jobsDone(api2)).toBe(false);
    watcher.close();
    mic.close();
  }, 80_000);

  it('SIGTERM on an api process mid-stream drains: in-flight chunks acked, clients told to reconnect, leases released; nothing lost or repeated', async () => {
    const sessionId = await createSession(asApp(api1.url), owner);
    const clientId = 'mic-scale-out-2';
    const mic = await userSocket(asApp(api2.url), owner, { clientId });
    const seenBefore = collectSegments(mic);
    const notices: DrainingNotice[] = [];
    (mic as unknown as Socket).on(DRAINING_EVENT, (n: DrainingNotice) => notices.push(n));
    const disconnected = new Promise<string>((r) => mic.once('disconnect', (reason) => r(reason)));
    expect(await call<JoinAck>(mic, 'session:join', { sessionId })).toMatchObject({ ok: true });

    // Paced stream (4 in flight, a chunk per 15 ms) that stops sending once told to reconnect.
    const outcomes = new Map<number, Ack<ChunkAck> | 'no-ack'>();
    let seq = 0;
    const sender = async () => {
      while (seq < data.length && notices.length === 0 && mic.connected) {
        const s = seq++;
        const payload = { sessionId, seq: s, format: 'pcm16', sampleRate: 16_000, data: data[s] };
        const ack = (mic as unknown as Socket).timeout(5_000).emitWithAck('audio:chunk', payload) as Promise<Ack<ChunkAck>>;
        outcomes.set(s, await ack.catch(() => 'no-ack' as const));
        await new Promise((r) => setTimeout(r, 15));
      }
    };
    const sending = Promise.all(Array.from({ length: 4 }, sender));
    await until(() => uniqueFinals(seenBefore).length >= 2 && seq > data.length * 0.3, 30_000, 'finals from api #2 mid-stream');
    const leaseKey = `${redisPrefix}:spool:{${sessionId}}:lease`;
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const holderBefore = await redis.get(leaseKey);
      expect(holderBefore).toContain(`:${api2.child.pid}:`);

      api2.child.kill('SIGTERM');
      expect(await disconnected).toBe('transport close'); // socket.io-client's own reconnection would kick in
      await sending;
      expect(notices).toEqual([expect.objectContaining({ reconnect: true, reason: 'shutting_down' })]);
      // Every chunk sent got an answer: stored and acked, or refused (SERVICE_UNAVAILABLE) to be resent.
      const answers = [...outcomes.entries()].sort((x, y) => x[0] - y[0]);
      expect(answers.filter(([, a]) => a === 'no-ack')).toEqual([]);
      const refused = answers.filter(([, a]) => a !== 'no-ack' && !a.ok);
      for (const [, a] of refused) expect(a).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
      const acked = answers.filter(([, a]) => a !== 'no-ack' && a.ok).map(([s]) => s);
      expect(acked.length).toBeGreaterThan(data.length * 0.3);

      const exit = await api2.exited;
      expect(exit.signal ?? exit.code).toBeTruthy();
      // Released on the way out, not left to lapse (TTL 4 s): api #1 can take it over at once.
      const holderAfter = await redis.get(leaseKey);
      expect(holderAfter === null || !holderAfter.includes(`:${api2.child.pid}:`)).toBe(true);

      const lastSeq = uniqueFinals(seenBefore).at(-1)!.seq!;
      const again = await userSocket(asApp(api1.url), owner, { clientId });
      const seenAfter = collectSegments(again);
      const join = await call<JoinAck>(again, 'session:join', { sessionId, lastSeq });
      const contiguous = acked.findIndex((s, i) => s !== i);
      expect(join).toMatchObject({ ok: true, status: 'recording' });
      if (!join.ok) return;
      // nextSeq = highest stored + 1; every acked chunk is below it, and the resend starts there.
      expect(join.nextSeq).toBe(Math.max(...acked) + 1);
      expect(contiguous).toBe(-1);
      const rest = await stream(again, sessionId, data, { fromSeq: join.nextSeq });
      expect(rest.every((a) => a.ok)).toBe(true);
      // api #1 holds the session now (taken on its first chunk, not after the 4 s lease TTL).
      expect(await redis.get(leaseKey)).toContain(`:${api1.child.pid}:`);
      expect(await call<EndAck>(again, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });

      const persisted = await finalSegments(asApp(api1.url), owner, sessionId);
      expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
      const client = uniqueFinals([...seenBefore, ...seenAfter]);
      expect(client.map((s) => s.seq)).toEqual(persisted.map((s) => s.seq));
      expect(seenAfter.filter((s: SegmentEvent) => s.kind === 'final' && s.seq! <= lastSeq)).toEqual([]);
      again.close();
    } finally {
      redis.disconnect();
      mic.close();
    }
  }, 80_000);
});
