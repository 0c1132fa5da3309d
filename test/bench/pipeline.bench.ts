/*
 * npm run bench:pipeline [-- --sessions 1000 --latencies 0,800]
 * Finalizes N sessions of real meeting transcripts at once against one worker process and the fake
 * LLM; prints sessions/s and p50/p95 finalize → reveal, next to no-op BullMQ jobs on the same Redis.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { createApp } from '#src/app.factory.js';
import { loadConfig } from '#src/config/config.js';
import { sessionRoom, socketIoKey, TRANSCRIPTION_NAMESPACE } from '#src/pipeline/pipeline-rooms.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const WORKER_TUNING = { concurrency: 1000, llmMaxConcurrent: 4000, llmTimeoutMs: 30_000 };
const TURNS_PER_SESSION = 60;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The worker process: the real app in the `worker` role, tuned for many jobs in flight. */
async function runWorker(): Promise<void> {
  const app = await createApp({ ...loadConfig(process.env), pipeline: WORKER_TUNING });
  await app.init();
  process.stdout.write('worker ready\n');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

function transcripts(): { speaker: string; text: string; startMs: number; endMs: number }[][] {
  const dir = resolve(process.cwd(), '../shared/fixtures/meetings');
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
  const sessions = Number(arg('sessions', '1000'));
  const latencies = arg('latencies', '0,800').split(',').map(Number);
  const database = await createTestDatabase();
  const prefix = `minabench-${randomBytes(3).toString('hex')}`;
  const fake = await startFakeOpenAI();
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
    MINA_ADMIN_DIST: '/nonexistent',
    LOG_LEVEL: 'error',
  };
  const api = await createApp(loadConfig({ ...env, MINA_ROLE: 'api', PORT: '0', HOST: '127.0.0.1' }));
  await api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(api.getHttpServer() as { address(): AddressInfo }).address().port}`;
  const worker: ChildProcess = spawn(process.execPath, [fileURLToPath(import.meta.url), '--worker'], { env: { ...env, MINA_ROLE: 'worker', PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((done) => worker.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && done()));

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, unknown>;
  };
  const reg = await post('/api/auth/register', { email: `bench-${prefix}@example.com`, password: 'correct horse battery', name: 'Bench User' });
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
    const t0 = performance.now();
    await Promise.all(ids.map(async (id) => {
      started.set(id, performance.now());
      await fetch(`${base}/api/sessions/${id}/finalize`, { method: 'POST', headers: auth });
    }));
    while (ids.some((id) => !revealed.has(id))) {
      if (performance.now() - t0 > 600_000) throw new Error('Timed out waiting for reveals');
      await new Promise((r) => setTimeout(r, 50));
    }
    const durations = ids.map((id) => revealed.get(id)! - started.get(id)!).sort((a, b) => a - b);
    const wall = (Math.max(...ids.map((id) => revealed.get(id)!)) - t0) / 1000;
    rows.push(`| Mina pipeline | ${latency} ms | ${sessions} | ${(sessions / wall).toFixed(1)} | ${(pct(durations, 50) / 1000).toFixed(2)} s | ${(pct(durations, 95) / 1000).toFixed(2)} s |`);
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
  rows.push(`| no-op BullMQ job (floor) | – | ${sessions} | ${(sessions / floorWall).toFixed(1)} | ${(pct(floor, 50) / 1000).toFixed(3)} s | ${(pct(floor, 95) / 1000).toFixed(3)} s |`);

  console.log('\n| run | LLM latency | sessions | sessions/s | p50 finalize → reveal | p95 finalize → reveal |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log('\n| LLM latency | stage | mean run | p95 run |');
  console.log('| --- | --- | --- | --- |');
  for (const row of stageRows) console.log(row);

  await noop.close();
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
  await database.drop();
}

if (process.argv.includes('--worker')) void runWorker();
else main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
