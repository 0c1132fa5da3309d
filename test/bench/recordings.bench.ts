/*
 * npm run bench:recordings [-- --minutes 60 --long-minutes 120 --parallel 4 --parallel-minutes 20 --latency 100]
 * Stored recordings (the fixture meeting looped) transcribed by one worker process through the
 * live path, with the fake ASR answering each window after `latency` ms: real-time factor, the
 * worker's peak RSS against its idle RSS, and the floor in the same run (decode + VAD/windowing
 * alone, no ASR); a recording twice as long (RSS must not grow with length); and `parallel`
 * transcriptions at once while GET /api/meetings is loaded with autocannon, its p99 against the
 * same load without them. Starts from a stored recording (upload decoding is measured elsewhere).
 * Prints JSON.
 */
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '#src/app.factory.js';
import { loadConfig } from '#src/config/config.js';
import { jobOptions } from '#src/pipeline/pipeline-jobs.js';
import { pipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { WavCodec } from '#src/recordings/codec/wav-codec.js';
import { RecordingStore } from '#src/recordings/recording-store.js';
import { LocalDiskBlobStore } from '#src/recordings/storage/local-disk-blob.store.js';
import { decodePcm16 } from '#src/transcription/audio/pcm.js';
import { AudioWindower } from '#src/transcription/audio/windower.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { fixtureAudio } from '../support/fixtures.js';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1] ?? fallback) : fallback;
};
const MINUTES = arg('minutes', 60);
const LONG_MINUTES = arg('long-minutes', 120);
const PARALLEL = arg('parallel', 4);
const PARALLEL_MINUTES = arg('parallel-minutes', 20);
const LATENCY_MS = arg('latency', 100);
const LOAD_SECONDS = arg('load-seconds', 10);
const WARM_UP_MINUTES = arg('warm-up-minutes', 10);
const CONNECTIONS = 20;
const MB = 1024 * 1024;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function log(line: string): void {
  process.stderr.write(`[bench:recordings] ${line}\n`);
}

/** Worker or api child: the real app in that role; answers RSS requests over IPC. */
async function runChild(role: 'worker' | 'api'): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  if (role === 'api') await app.listen(Number(process.env.PORT), '127.0.0.1');
  else await app.init();
  process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.send?.({ ready: true });
}

/** The fake ASR in a process of its own, so that its work does not slow the load generator's clock. */
async function runFake(): Promise<void> {
  const fake = await startFakeOpenAI({ scripts: [fixtureAudio('es2002a-2min')], latencyMs: LATENCY_MS });
  process.on('message', (m: string) => {
    if (m === 'reset') fake.resetConcurrency('transcriptions');
    process.send?.({ requests: fake.requests.length, maxConcurrent: fake.concurrency('transcriptions').max });
  });
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
  process.send?.({ ready: true, baseURL: fake.baseURL });
}

function child(role: 'worker' | 'api' | 'fake', env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; baseURL?: string }> {
  const nodeArgs = role === 'worker' ? (process.env.MINA_BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []) : [];
  const nice = role === 'worker' ? Number(process.env.MINA_BENCH_WORKER_NICE ?? 0) : 0;
  const argv = [...nodeArgs, fileURLToPath(import.meta.url), `--${role}`, ...process.argv.slice(2)];
  const proc = nice
    ? spawn('nice', ['-n', String(nice), process.execPath, ...argv], { env: { ...env, MINA_ROLE: role }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    : spawn(process.execPath, argv, { env: { ...env, MINA_ROLE: role }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    proc.on('message', (m: { ready?: boolean; baseURL?: string }) => m.ready && resolve({ proc, baseURL: m.baseURL }));
  });
}

function ask<T>(proc: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    proc.once('message', (m: T) => resolve(m));
    proc.send(message);
  });
}

async function rssOf(proc: ChildProcess): Promise<number> {
  return (await ask<{ rss: number }>(proc, 'rss')).rss;
}

/** Samples the child's RSS every 200 ms until stopped; resolves the peak. */
function peakRss(proc: ChildProcess): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf(proc));
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function main(): Promise<void> {
  const prefix = `mina-bench-rec-${process.pid}`;
  const dataDir = `/tmp/${prefix}`;
  const database = await createTestDatabase();
  const { proc: fakeProc, baseURL } = await child('fake', process.env);
  const fakeStats = (message = 'stats') => ask<{ requests: number; maxConcurrent: number }>(fakeProc, message);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: prefix,
    MINA_DATA_DIR: dataDir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: baseURL,
    MINA_API_RATE_LIMIT: '10000000',
    MINA_RECORDING_WORKERS: String(PARALLEL),
  };
  const config = loadConfig(env);
  const port = 3900 + (process.pid % 90);
  const api = (await child('api', { ...env, PORT: String(port) })).proc;
  const worker = (await child('worker', env)).proc;
  const queue = new Queue('recordings', { connection: { url: TEST_REDIS_URL }, prefix });
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const store = new RecordingStore(new LocalDiskBlobStore(config.recordingsDir), new WavCodec(), 'wav', join(config.recordingsDir, '.tmp'));
  const base = `http://127.0.0.1:${port}`;
  try {
    const auth = await signUp(base);
    for (let i = 0; i < 50; i++) await fetch(`${base}/api/meetings`, { method: 'POST', headers: { ...auth.headers, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Meeting ${i}` }) });
    const fixture = readPcm(fixtureAudio('es2002a-2min'));

    const upload = async (minutes: number) => {
      const { rows } = await db.query<{ id: string }>(
        `insert into session (id, created_at, updated_at, workspace_id, user_id, title, status, source, stats, speaker_names)
         values (gen_random_uuid(), now(), now(), $1, $2, $3, 'queued', 'upload', '{}', '{}') returning id`,
        [auth.workspaceId, auth.userId, `${minutes}-minute recording`],
      );
      const sessionId = rows[0].id;
      const stored = await store.write(sessionId, looped(fixture, Math.round((minutes * 60_000 * 32) / fixture.length)));
      await db.query(
        `insert into recording (id, created_at, updated_at, session_id, workspace_id, path, format, sample_rate, channels, duration_ms, size_bytes, sha256, content_type, peaks)
         values (gen_random_uuid(), now(), now(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [sessionId, auth.workspaceId, stored.path, stored.format, stored.sampleRate, stored.channels, stored.durationMs, stored.sizeBytes, stored.sha256, stored.contentType, stored.peaks],
      );
      return { sessionId, path: stored.path, durationMs: stored.durationMs };
    };
    const transcribe = async (sessionIds: string[]) => {
      for (const sessionId of sessionIds) {
        const data = { sessionId, workspaceId: auth.workspaceId };
        await queue.add('transcribe-recording', data, jobOptions('transcribe-recording', pipelineSettings(config), data));
      }
      for (;;) {
        const { rows } = await db.query<{ status: string }>(`select status from session where id = any($1)`, [sessionIds]);
        if (rows.every((r) => r.status !== 'queued' && r.status !== 'transcribing')) return rows.map((r) => r.status);
        await sleep(100);
      }
    };
    const measure = async (minutes: number) => {
      const rec = await upload(minutes);
      const floor = await floorOf(store, rec.path, rec.durationMs);
      await settle(db);
      const idle = await rssOf(worker);
      const { requests } = await fakeStats('reset');
      const sampler = peakRss(worker);
      const t0 = performance.now();
      const statuses = await transcribe([rec.sessionId]);
      const seconds = (performance.now() - t0) / 1000;
      const peak = await sampler.stop();
      const asr = await fakeStats();
      log(`${minutes} min: ${round(seconds)} s`);
      return {
        audioMinutes: round(rec.durationMs / 60_000),
        seconds: round(seconds),
        realTimeFactor: round(rec.durationMs / 1000 / seconds),
        status: statuses[0],
        asrRequests: asr.requests - requests,
        asrMaxConcurrent: asr.maxConcurrent,
        idleRssMb: round(idle / MB),
        peakRssMb: round(peak / MB),
        rssGrowthMb: round((peak - idle) / MB),
        floor,
      };
    };

    // The first transcription of a process grows its heap once (code, pools, buffers): measured, then the ones after it.
    const warmUp = await measure(WARM_UP_MINUTES);
    const hour = await measure(MINUTES);
    const long = await measure(LONG_MINUTES);

    const load = () => loadList(base, auth.headers);
    await load(); // warm-up
    const quiet = await load();
    const parallelRecs = [];
    for (let i = 0; i < PARALLEL; i++) parallelRecs.push(await upload(PARALLEL_MINUTES));
    await settle(db);
    const started = performance.now();
    const running = transcribe(parallelRecs.map((r) => r.sessionId));
    await sleep(1_000);
    const loaded = await load();
    const statuses = await running;
    const parallelSeconds = (performance.now() - started) / 1000;

    console.log(
      JSON.stringify(
        {
          machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: round(totalmem() / 1024 ** 3), loadAverage: loadavg().map((n) => round(n, 2)), node: process.version },
          settings: { asrLatencyMs: LATENCY_MS, fileAsrConcurrency: config.fileAsrConcurrency, recordingWorkers: PARALLEL, workerProcesses: 1, workerNice: Number(process.env.MINA_BENCH_WORKER_NICE ?? 0) },
          firstRecordingOfTheProcess: warmUp,
          oneRecording: hour,
          longRecording: { ...long, rssGrowthVsShorterMb: round(long.rssGrowthMb - hour.rssGrowthMb) },
          parallel: {
            recordings: PARALLEL,
            minutesEach: PARALLEL_MINUTES,
            seconds: round(parallelSeconds),
            realTimeFactor: round((PARALLEL * PARALLEL_MINUTES * 60) / parallelSeconds),
            statuses,
            listP99Ms: { without: quiet.p99, with: loaded.p99, ratio: round(loaded.p99 / Math.max(1, quiet.p99), 2) },
            listRequestsPerSecond: { without: quiet.rps, with: loaded.rps },
            listErrors: { without: quiet.errors, with: loaded.errors },
          },
          targets: {
            realTimeFactorAtLeast: 50,
            rssGrowthMbBelow: 150,
            listP99RatioAtMost: 1.5,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await queue.close();
    await db.end();
    for (const proc of [worker, api, fakeProc]) {
      proc.kill('SIGTERM');
      await Promise.race([once(proc, 'exit'), sleep(15_000)]);
      proc.kill('SIGKILL');
    }
    await clearRedisPrefix(prefix);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function signUp(base: string): Promise<{ headers: Record<string, string>; userId: string; workspaceId: string }> {
  const email = `bench-${process.pid}@example.com`;
  const password = 'bench-password-1';
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/auth/register', { email, password, name: 'Bench' });
  const { accessToken } = (await (await post('/api/auth/login', { email, password })).json()) as { accessToken: string };
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { id: string; memberships: { workspaceId: string }[] };
  const workspaceId = me.memberships[0].workspaceId;
  return { headers: { authorization: `Bearer ${accessToken}`, 'x-workspace-id': workspaceId }, userId: me.id, workspaceId };
}

/** The fixture WAV's PCM (16 kHz mono PCM16, the format recordings are stored in). */
function readPcm(wavPath: string): Buffer {
  const wav = readFileSync(wavPath);
  const at = wav.indexOf('data', 12, 'ascii');
  return wav.subarray(at + 8, at + 8 + wav.readUInt32LE(at + 4));
}

function looped(pcm: Buffer, times: number): AsyncIterable<Buffer> {
  return Readable.from(
    (function* () {
      for (let i = 0; i < times; i++) yield pcm;
    })(),
  );
}

/** Decode + VAD/windowing of the stored recording, no ASR: what the live path costs without waiting on it. */
async function floorOf(store: RecordingStore, path: string, durationMs: number) {
  const windower = new AudioWindower({});
  let windows = 0;
  const t0 = performance.now();
  for await (const piece of store.readPcm(path, 32_000)) {
    for (const event of windower.push(decodePcm16(piece))) if (event.kind === 'final') windows++;
  }
  for (const event of windower.flush()) if (event.kind === 'final') windows++;
  const seconds = (performance.now() - t0) / 1000;
  return { seconds: round(seconds, 2), realTimeFactor: round(durationMs / 1000 / seconds), windows };
}

/** Lets the worker's heap settle (the previous run's pipeline jobs finish) before idle RSS is read. */
async function settle(db: pg.Client): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from session where status = 'processing'`);
    if (rows[0].n === 0) break;
    await sleep(200);
  }
  await sleep(1_000);
}

async function loadList(base: string, headers: Record<string, string>): Promise<{ p99: number; rps: number; errors: number }> {
  const result = await autocannon({ url: `${base}/api/meetings?range=[0,24]`, headers, connections: CONNECTIONS, duration: LOAD_SECONDS });
  return { p99: result.latency.p99, rps: round(result.requests.average), errors: result.errors + result.non2xx };
}

if (process.argv.includes('--fake')) void runFake();
else if (process.argv.includes('--worker')) void runChild('worker');
else if (process.argv.includes('--api')) void runChild('api');
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
