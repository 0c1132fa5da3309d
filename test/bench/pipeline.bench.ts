/*
 * npm run bench:pipeline [-- --sessions 1000 --latencies 0,800]
 * Finalizes N sessions of real meeting transcripts at once against one worker process and the fake
 * LLM; prints sessions/s and p50/p95 finalize → reveal, next to no-op BullMQ jobs on the same Redis
 * (single jobs, and flows of the pipeline's shape with their CPU per session).
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { allProcStats, CLK_TCK } from './proc-stat.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { createApp } from '#src/app.factory.js';
import { loadConfig } from '#src/config/config.js';
import { sessionRoom, socketIoKey, TRANSCRIPTION_NAMESPACE } from '#src/pipeline/pipeline-rooms.js';
import { startFakeOpenAI, type ChatRequest } from '../support/fake-openai/fake-openai-server.js';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';
import { meetingsDir } from '../support/fixtures.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const WORKER_TUNING = { concurrency: 1000, llmMaxConcurrent: 4000, llmTimeoutMs: 30_000 };
const TURNS_PER_SESSION = 60;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Refinement answered the way a model answers it: every `[n] mm:ss Speaker: text` line back, with
 * the annotations out. (Unscripted, the fake answers one line "text", which the worker rejects, and
 * the other 59 lines go through the local clean-up: the fallback path, not the one being measured.)
 */
function refineLikeAModel(req: ChatRequest): unknown {
  const user = [...req.messages].reverse().find((m) => (m as { role: string }).role === 'user') as { content: string } | undefined;
  const lines = [];
  for (const l of (user?.content ?? '').split('\n')) {
    const m = /^\[(\d+)\] [\d:]+ [^:]+: (.*)$/.exec(l);
    if (m) lines.push({ line: Number(m[1]), text: m[2].replace(/\{[^}]*\}/g, '').replace(/\s+/g, ' ').trim() });
  }
  return { lines };
}

/**
 * CPU milliseconds used so far by every process with one of these names (PostgreSQL backends,
 * redis-server), with what their ended children used (the postmaster reaps backends and
 * autovacuum workers that exit during a run: without it their CPU would go uncounted).
 */
function processCpuMs(names: string[]): number {
  let ticks = 0;
  for (const { comm, ticks: own, childTicks } of allProcStats().values()) if (names.some((n) => comm.startsWith(n))) ticks += own + childTicks;
  return (ticks * 1000) / CLK_TCK;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The worker process: the real app in the `worker` role, tuned for many jobs in flight. */
async function runWorker(): Promise<void> {
  const app = await createApp({ ...loadConfig(process.env), pipeline: WORKER_TUNING });
  await app.init();
  process.stdout.write('worker ready\n');
  // CPU used so far, on request: tells computing from waiting.
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMs: Math.round((user + system) / 1000) });
  });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function transcripts(): { speaker: string; text: string; startMs: number; endMs: number }[][] {
  const dir = meetingsDir();
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((file) => {
    const turns = (JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as { meeting_transcripts: { speaker: string; content: string }[] }).meeting_transcripts;
    let at = 0;
    return turns.slice(0, TURNS_PER_SESSION).map((t) => {
      const ms = Math.max(400, Math.round(((t.content.split(/\s+/).length) / 150) * 60_000));
      const seg = { speaker: t.speaker, text: t.content, startMs: at, endMs: at + ms };
      at += ms + 250;
      return seg;
    });
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--search-only')) {
    console.log(JSON.stringify({ machine: { cpus: cpus().length, loadAverage: loadavg().map(round) }, search: await searchBench() }, null, 2));
    return;
  }
  const sessions = Number(arg('sessions', '1000'));
  const latencies = arg('latencies', '0,800').split(',').map(Number);
  const database = await createTestDatabase();
  const prefix = `minabench-${randomBytes(3).toString('hex')}`;
  const fake = await startFakeOpenAI();
  fake.onChat('transcript_refinement', refineLikeAModel);
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: prefix,
    DATABASE_URL: database.url,
    MINA_DATA_DIR: `/tmp/${prefix}`,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-signing',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: fake.baseURL,
    MINA_API_RATE_LIMIT: '10000000',
    // One bench user holds every session open at once, far past a real user's quota.
    MINA_MAX_LIVE_SESSIONS_PER_USER: '100000',
    MINA_MAX_LIVE_SESSIONS_PER_WORKSPACE: '100000',
    MINA_ADMIN_DIST: '/nonexistent',
    LOG_LEVEL: 'error',
  };
  const api = await createApp(loadConfig({ ...env, MINA_ROLE: 'api', PORT: '0', HOST: '127.0.0.1' }));
  await api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(api.getHttpServer() as { address(): AddressInfo }).address().port}`;
  const worker: ChildProcess = spawn(process.execPath, [...(process.env.MINA_BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), fileURLToPath(import.meta.url), '--worker'], { env: { ...env, MINA_ROLE: 'worker', PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  await new Promise<void>((done) => worker.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && done()));
  const workerCpuMs = () =>
    new Promise<number>((done) => {
      worker.once('message', (m: { cpuMs: number }) => done(m.cpuMs));
      worker.send('cpu');
    });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  await post('/api/auth/register', { email: `bench-${prefix}@example.com`, password: 'correct horse battery', name: 'Bench User' });
  const reg = await post('/api/auth/login', { email: `bench-${prefix}@example.com`, password: 'correct horse battery' });
  const token = reg.accessToken as string;
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { memberships: { workspaceId: string }[] };
  const auth = { authorization: `Bearer ${token}`, 'x-workspace-id': me.memberships[0].workspaceId };
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const meetings = transcripts();

  // Reveals arrive over the same Redis adapter channel the gateway's clients use.
  const pub = new Redis(TEST_REDIS_URL);
  const sub = pub.duplicate();
  const httpServer = createServer();
  const ioServer = new Server(httpServer, { adapter: createAdapter(pub, sub, { key: socketIoKey(prefix) }) });
  const revealed = new Map<string, number>();
  const rooms: string[] = [];
  ioServer.of(TRANSCRIPTION_NAMESPACE).on('connection', (s) => void s.join(rooms));
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done));

  const rows: string[] = [];
  const stageRows: string[] = [];
  const jobRows: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  for (const latency of latencies) {
    fake.setLatency(latency, 'chat');
    const ids: string[] = [];
    for (let i = 0; i < sessions; i++) ids.push((await post('/api/sessions', { title: `Bench ${latency} #${i}` }, auth)).id as string);
    for (let i = 0; i < ids.length; i += 50) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      ids.slice(i, i + 50).forEach((id, k) => {
        meetings[(i + k) % meetings.length].forEach((s, seq) => {
          const n = values.length;
          tuples.push(`($${n + 1}, now(), now(), $${n + 2}, $${n + 3}, 'final', $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, 0.9)`);
          values.push(randomUUID(), id, seq, s.text, s.speaker, s.startMs, s.endMs);
        });
      });
      await db.query(`insert into segment (id, created_at, updated_at, session_id, seq, kind, text, speaker, start_ms, end_ms, confidence) values ${tuples.join(', ')}`, values);
    }
    rooms.splice(0, rooms.length, ...ids.map(sessionRoom));
    const client = io(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}${TRANSCRIPTION_NAMESPACE}`, { transports: ['websocket'] });
    client.on('pipeline', (e: { sessionId: string; event: string }) => {
      if (e.event === 'post_transcription_reveal' && !revealed.has(e.sessionId)) revealed.set(e.sessionId, performance.now());
    });
    await new Promise<void>((done) => client.on('connect', done));
    await new Promise((r) => setTimeout(r, 200));

    const started = new Map<string, number>();
    const load0 = loadavg()[0];
    const cpu0 = await workerCpuMs();
    const mainCpu0 = process.cpuUsage();
    const [pg0, redis0] = [processCpuMs(['postgres']), processCpuMs(['redis-server'])];
    const t0 = performance.now();
    await Promise.all(ids.map(async (id) => {
      started.set(id, performance.now());
      await fetch(`${base}/api/sessions/${id}/finalize`, { method: 'POST', headers: auth });
    }));
    while (ids.some((id) => !revealed.has(id))) {
      if (performance.now() - t0 > 600_000) throw new Error('Timed out waiting for reveals');
      await new Promise((r) => setTimeout(r, 50));
    }
    const workerCpu = (await workerCpuMs()) - cpu0;
    const mainCpu = process.cpuUsage(mainCpu0);
    const [pgCpu, redisCpu] = [processCpuMs(['postgres']) - pg0, processCpuMs(['redis-server']) - redis0];
    const durations = ids.map((id) => revealed.get(id)! - started.get(id)!).sort((a, b) => a - b);
    const wall = (Math.max(...ids.map((id) => revealed.get(id)!)) - t0) / 1000;
    results.push({
      run: 'pipeline',
      llmLatencyMs: latency,
      sessions,
      sessionsPerSecond: round(sessions / wall),
      p50FinalizeToRevealMs: Math.round(pct(durations, 50)),
      p95FinalizeToRevealMs: Math.round(pct(durations, 95)),
      p95TargetMs: latency > 0 ? 3 * latency + 1000 : undefined,
      workerCpuMsPerSession: round(workerCpu / sessions),
      workerCpuShare: round(workerCpu / 1000 / wall),
      benchAndApiCpuMs: Math.round((mainCpu.user + mainCpu.system) / 1000),
      // Everything on the machine, other engineers' work included, shares these two cores.
      postgresCpuMsPerSession: round(pgCpu / sessions),
      redisCpuMsPerSession: round(redisCpu / sessions),
      // This process: the api app (finalize), the fake LLM server and the socket client counting reveals.
      benchProcessCpuMsPerSession: round((mainCpu.user + mainCpu.system) / 1000 / sessions),
      loadAverage1m: { before: round(load0), after: round(loadavg()[0]) },
    });
    rows.push(`| Mina pipeline | ${latency} ms | ${sessions} | ${(sessions / wall).toFixed(1)} | ${(pct(durations, 50) / 1000).toFixed(2)} s | ${(pct(durations, 95) / 1000).toFixed(2)} s |`);
    const pq = new Queue('pipeline', { connection: { url: TEST_REDIS_URL }, prefix });
    const jobs = (await pq.getJobs(['completed'], 0, -1)).filter((j) => ids.includes((j.data as { sessionId: string }).sessionId));
    const byName = new Map<string, { wait: number[]; run: number[] }>();
    for (const j of jobs) {
      const e = byName.get(j.name) ?? { wait: [], run: [] };
      e.wait.push((j.processedOn ?? 0) - j.timestamp);
      e.run.push((j.finishedOn ?? 0) - (j.processedOn ?? 0));
      byName.set(j.name, e);
    }
    const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
    for (const [name, e] of byName) jobRows.push({ latencyMs: latency, job: name, n: e.run.length, meanWaitMs: avg(e.wait), meanRunMs: avg(e.run), p95RunMs: pct(e.run.sort((a, b) => a - b), 95) });
    await pq.close();
    client.close();
    const stages = await db.query<{ stage: string; avg_ms: number; p95_ms: number }>(
      `select stage, avg(extract(epoch from finished_at - started_at) * 1000)::int as avg_ms,
              (percentile_cont(0.95) within group (order by extract(epoch from finished_at - started_at) * 1000))::int as p95_ms
         from pipeline_stage where session_id = any($1::uuid[]) group by stage order by stage`,
      [ids],
    );
    stageRows.push(...stages.rows.map((r) => `| ${latency} ms | ${r.stage} | ${r.avg_ms} ms | ${r.p95_ms} ms |`));
  }

  // The floor: no-op jobs on the same Redis, one worker with the same concurrency.
  const conn = { url: TEST_REDIS_URL, maxRetriesPerRequest: null };
  const floorPrefix = `${prefix}-floor`;
  const queue = new Queue('noop', { connection: conn, prefix: floorPrefix });
  const added = new Map<string, number>();
  const done = new Map<string, number>();
  const noop = new Worker('noop', () => Promise.resolve(undefined), { connection: conn, prefix: floorPrefix, concurrency: WORKER_TUNING.concurrency });
  noop.on('completed', (job) => done.set(job.id!, performance.now()));
  const f0 = performance.now();
  await Promise.all(Array.from({ length: sessions }, async (_, i) => {
    added.set(`n${i}`, performance.now());
    await queue.add('noop', {}, { jobId: `n${i}` });
  }));
  while (done.size < sessions) await new Promise((r) => setTimeout(r, 20));
  const floor = [...added].map(([id, t]) => done.get(id)! - t).sort((a, b) => a - b);
  const floorWall = (Math.max(...done.values()) - f0) / 1000;
  results.push({ run: 'noop-bullmq-floor', jobs: sessions, jobsPerSecond: round(sessions / floorWall), p50Ms: round(pct(floor, 50)), p95Ms: round(pct(floor, 95)), loadAverage1m: round(loadavg()[0]) });
  rows.push(`| no-op BullMQ job (floor) | – | ${sessions} | ${(sessions / floorWall).toFixed(1)} | ${(pct(floor, 50) / 1000).toFixed(3)} s | ${(pct(floor, 95) / 1000).toFixed(3)} s |`);

  // A second floor with the pipeline's shape and options but no work: per session the flow
  // insights ← refine, whose insights job adds the flow reveal ← (analytics ∥ tasks ∥ summary).
  // Its CPU per session (this process as the worker, plus Redis) is what BullMQ alone costs.
  const flowPrefix = `${prefix}-flowfloor`;
  const flowProducer = new FlowProducer({ connection: conn, prefix: flowPrefix });
  const opts = (name: string, i: number) => ({ jobId: `${name}-${i}`, attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 86_400, count: 50_000 } });
  const node = (name: string, i: number) => ({ name, queueName: 'noop-flow', data: { i }, opts: opts(name, i) });
  const flowAdded = new Map<number, number>();
  const flowDone = new Map<number, number>();
  const flowWorker = new Worker(
    'noop-flow',
    async (job: Job<{ i: number }>) => {
      if (job.name === 'insights') await flowProducer.add({ ...node('reveal', job.data.i), children: ['analytics', 'tasks', 'summary'].map((n) => node(n, job.data.i)) });
    },
    { connection: conn, prefix: flowPrefix, concurrency: WORKER_TUNING.concurrency },
  );
  flowWorker.on('completed', (job: Job<{ i: number }>) => {
    if (job.name === 'reveal') flowDone.set(job.data.i, performance.now());
  });
  const cpu0 = process.cpuUsage();
  const redis0 = processCpuMs(['redis-server']);
  const g0 = performance.now();
  await Promise.all(
    Array.from({ length: sessions }, async (_, i) => {
      flowAdded.set(i, performance.now());
      await flowProducer.add({ ...node('insights', i), children: [node('refine', i)] });
    }),
  );
  while (flowDone.size < sessions) await new Promise((r) => setTimeout(r, 20));
  const flowWall = (Math.max(...flowDone.values()) - g0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const flowCpu = { benchProcessMs: round((cpu.user + cpu.system) / 1000 / sessions), redisMs: round((processCpuMs(['redis-server']) - redis0) / sessions) };
  const flowTimes = [...flowAdded].map(([i, t]) => flowDone.get(i)! - t).sort((a, b) => a - b);
  results.push({ run: 'noop-flow-floor', sessions, sessionsPerSecond: round(sessions / flowWall), p50Ms: round(pct(flowTimes, 50)), p95Ms: round(pct(flowTimes, 95)), cpuPerSessionMs: flowCpu, loadAverage1m: round(loadavg()[0]) });
  rows.push(
    `| no-op flows of the pipeline's shape (6 jobs; ${flowCpu.benchProcessMs} + ${flowCpu.redisMs} ms CPU per session, worker + Redis) | – | ${sessions} | ${(sessions / flowWall).toFixed(1)} | ${(pct(flowTimes, 50) / 1000).toFixed(3)} s | ${(pct(flowTimes, 95) / 1000).toFixed(3)} s |`,
  );
  await flowWorker.close();
  await flowProducer.close();

  console.log('\n| run | LLM latency | sessions | sessions/s | p50 finalize → reveal | p95 finalize → reveal |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('\n| LLM latency | stage | mean run | p95 run |');
  console.log('| --- | --- | --- | --- |');
  for (const row of stageRows) console.log(row);

  await noop.close();
  const search = process.argv.includes('--no-search') ? undefined : await searchBench();
  if (search) rows.push(`| GET /api/search (1M segments, ${search.workspaces} workspaces) | – | ${search.requests} requests | – | p50 ${search.p50Ms} ms | p95 ${search.p95Ms} ms, p99 ${search.p99Ms} ms |`);
  console.log(JSON.stringify({ machine: { cpus: cpus().length, loadAverage: loadavg().map(round) }, results, jobs: jobRows, search }, null, 2));
  await queue.close();
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await ioServer.close();
  pub.disconnect();
  sub.disconnect();
  await db.end();
  await api.close();
  await fake.close();
  await clearRedisPrefix(prefix);
  await clearRedisPrefix(floorPrefix);
  await clearRedisPrefix(flowPrefix);
  await database.drop();
}

/**
 * GET /api/search over 1M segments: a database seeded once with generate_series (10,000 sessions
 * of 100 segments of real meeting sentences in 50 workspaces) and reused on later runs, an `api`
 * app on it, and sequential requests for a handful of queries in the largest workspace.
 */
async function searchBench() {
  const adminUrl = process.env.MINA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = process.env.MINA_BENCH_SEARCH_DB ?? 'mina_bench_search';
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (!(await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount) await admin.query(`create database "${dbName}"`);
  await admin.end();
  const prefix = `minabench-search-${randomBytes(3).toString('hex')}`;
  const app = await createApp(
    loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      MINA_ROLE: 'api',
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      MINA_REDIS_PREFIX: prefix,
      DATABASE_URL: url.toString(),
      MINA_DATA_DIR: `/tmp/${prefix}`,
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-signing',
      MINA_API_RATE_LIMIT: '10000000',
      MINA_ADMIN_DIST: '/nonexistent',
      LOG_LEVEL: 'error',
    }),
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
  const credentials = { email: 'search-bench@example.com', password: 'correct horse battery', name: 'Search Bench' };
  const call = async (path: string, body: unknown) =>
    (await (await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
  let token = (await call('/api/auth/login', { email: credentials.email, password: credentials.password })).accessToken as string | undefined;
  if (token === undefined) {
    await call('/api/auth/register', credentials);
    token = (await call('/api/auth/login', { email: credentials.email, password: credentials.password })).accessToken as string;
  }
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; memberships: { workspaceId: string }[] };
  const workspaceId = me.memberships[0].workspaceId;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const WORKSPACES = 50;
  const SESSIONS = 10_000;
  const PER_SESSION = 100;
  const seeded = (await db.query<{ n: number }>('select count(*)::int as n from segment')).rows[0].n;
  if (seeded < SESSIONS * PER_SESSION) {
    process.stderr.write('[bench:pipeline] seeding 1M segments for search (once)…\n');
    const sentences = transcripts().flat().map((t) => t.text).filter((t) => t.split(' ').length >= 6).slice(0, 2000);
    const userId = (await db.query<{ id: string }>('select id from "user" where email = $1', [credentials.email])).rows[0].id;
    await db.query(`truncate segment, session cascade`);
    await db.query(`insert into workspace (id, created_at, updated_at, name, slug, settings)
      select gen_random_uuid(), now(), now(), 'Search ' || i, 'search-bench-' || i, '{}' from generate_series(2, ${WORKSPACES}) i
      on conflict do nothing`);
    await db.query(`create temporary table ws as
      select id, row_number() over (order by id = $1 desc, slug) as n from workspace where id = $1 or slug like 'search-bench-%'`, [workspaceId]);
    await db.query(`insert into session (id, created_at, updated_at, workspace_id, user_id, title, status, language, stats, speaker_names, started_at)
      select gen_random_uuid(), now() - (i || ' minutes')::interval, now(), ws.id, $1, 'Session ' || i, 'completed', 'en', '{}', '{}', now()
        from generate_series(1, ${SESSIONS}) i join ws on ws.n = 1 + i % ${WORKSPACES}`, [userId]);
    await db.query(`insert into segment (id, created_at, updated_at, session_id, seq, kind, text, speaker, start_ms, end_ms, confidence, language)
      select gen_random_uuid(), now(), now(), s.id, g, 'final', ($1::text[])[1 + (g * 7919 + (hashtext(s.id::text)::bigint & 65535)) % ${sentences.length}],
             chr(65 + g % 4), g * 4000, g * 4000 + 3500, 0.9, 'en'
        from session s cross join generate_series(0, ${PER_SESSION - 1}) g`, [sentences]);
    await db.query('analyze');
  }
  const queries = ['budget', 'remote control', 'meeting', 'design', '"the battery"', 'speech recognition', 'we should', 'data -test', 'think', 'next week'];
  const auth = { authorization: `Bearer ${token}`, 'x-workspace-id': workspaceId };
  for (const q of queries) await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`, { headers: auth }); // warm-up
  const times: number[] = [];
  const load0 = loadavg()[0];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/search?q=${encodeURIComponent(queries[i % queries.length])}`, { headers: auth });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`search answered ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const sizes = await db.query<{ n: number }>(`select count(*)::int as n from segment g join session s on s.id = g.session_id where s.workspace_id = $1`, [workspaceId]);
  await db.end();
  await app.close();
  await clearRedisPrefix(prefix);
  return {
    segments: SESSIONS * PER_SESSION,
    workspaces: WORKSPACES,
    segmentsInWorkspace: sizes.rows[0].n,
    requests: times.length,
    concurrency: 1,
    p50Ms: round(pct(times, 50)),
    p95Ms: round(pct(times, 95)),
    p99Ms: round(pct(times, 99)),
    targetP99Ms: 50,
    loadAverage1m: { before: round(load0), after: round(loadavg()[0]) },
  };
}

if (process.argv.includes('--worker')) void runWorker();
else main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
