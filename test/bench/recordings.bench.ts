/*
 * npm run bench:recordings [-- --minutes 60 --long-minutes 120 --formats mp3,wav --parallel 4
 *   --parallel-minutes 20 --latency 100 --load-seconds 15]
 * Item 9 of issue 13, end to end: a meeting (the fixture looped, made with ffmpeg in a temp dir)
 * uploaded through tus (/api/uploads, the stock tus-js-client) to an `api` process, decoded and
 * stored by one `worker` process, and transcribed there through the live path with the fake ASR
 * answering each window after `latency` ms. Per file: real-time factor of (a) upload+decode+store,
 * (b) transcription, and the whole; peak RSS of the api and the worker against their idle RSS (and
 * of the worker's ffmpeg children); CPU by process; the floor in the same run (decode +
 * VAD/windowing alone, no ASR). A file twice as long (RSS must not grow with length). `parallel`
 * uploads at once while GET /api/meetings is loaded from another process: its p99 against the
 * same load without them (before and after). Prints one JSON object.
 *
 * MINA_BENCH_WORKER_NODE_ARGS / MINA_BENCH_API_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`)
 * profile the roles; MINA_BENCH_WORKER_NICE runs the worker at that niceness; any MINA_* variable
 * set in the environment reaches both.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, setPriority, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadConfig } from '#src/config/config.js';
import { FFMPEG_NICE } from '#src/recordings/codec/ffmpeg-process.js';
import { detectFfmpeg } from '#src/recordings/codec/ffmpeg.js';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';
import { floorOf, makeMeeting, tusUploadFile, type Format } from './recordings-bench-audio.js';
import { ask, child, loadList, MachineCpu, round, rssOf, RssSampler } from './recordings-bench-procs.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const MINUTES = Number(arg('minutes', '60'));
const LONG_MINUTES = Number(arg('long-minutes', '120'));
/** Only the uploads-under-load stage (to try settings quickly); the figures of one file are then absent. */
const PARALLEL_ONLY = process.argv.includes('--parallel-only');
const FORMATS = (PARALLEL_ONLY ? [] : arg('formats', 'mp3,wav').split(',')) as Format[];
const PARALLEL = Number(arg('parallel', '4'));
const PARALLEL_MINUTES = Number(arg('parallel-minutes', '20'));
const PARALLEL_FORMAT = arg('parallel-format', 'mp3') as Format;
const LATENCY_MS = Number(arg('latency', '100'));
const LOAD_SECONDS = Number(arg('load-seconds', '15'));
const nodeArgs = (name: string, fallback = '') => (process.env[name] ?? fallback).split(' ').filter(Boolean);
/**
 * The worker as ops/ runs it: a young generation capped at 2 × 16 MB. V8's default on a machine
 * with this much memory lets it grow to 128 MB under the decode's and windows' short-lived buffers,
 * which is most of the worker's rise on its first recording.
 */
const WORKER_NODE_ARGS = nodeArgs('MINA_BENCH_WORKER_NODE_ARGS', '--max-semi-space-size=16');
const WORKER_NICE = Number(process.env.MINA_BENCH_WORKER_NICE ?? 0);

function log(line: string): void {
  process.stderr.write(`[bench:recordings] ${line}\n`);
}

interface Progress {
  status: string;
  storedAt?: number;
  durationMs?: number;
}

async function main(): Promise<void> {
  const machine = { cores: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: round(totalmem() / 1024 ** 3), loadAverageAtStart: loadavg().map((n) => round(n, 2)), node: process.version };
  const prefix = `mina-bench-rec-${process.pid}`;
  const dataDir = `/tmp/${prefix}`;
  const audioDir = mkdtempSync(join(tmpdir(), 'mina-bench-audio-'));
  log('making the meetings with ffmpeg');
  const files = {
    hour: Object.fromEntries(await Promise.all(FORMATS.map(async (f) => [f, await makeMeeting(audioDir, MINUTES, f, `hour-${f}`)] as const))),
    long: PARALLEL_ONLY ? undefined : await makeMeeting(audioDir, LONG_MINUTES, 'mp3', 'long'),
    parallel: await Promise.all(Array.from({ length: PARALLEL }, (_, i) => makeMeeting(audioDir, PARALLEL_MINUTES, PARALLEL_FORMAT, `parallel-${i}`))),
  };
  const database = await createTestDatabase();
  const { proc: fake, baseURL: fakeURL } = await child('fake', { ...process.env, BENCH_ASR_LATENCY_MS: String(LATENCY_MS) });
  const fakeStats = (message = 'stats') => ask<{ requests: number; maxConcurrent: number }>(fake, message);
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
    OPENAI_BASE_URL: fakeURL,
    MINA_API_RATE_LIMIT: '10000000',
    MINA_RECORDING_WORKERS: process.env.MINA_RECORDING_WORKERS ?? String(PARALLEL),
    MINA_UPLOADS_IN_FLIGHT_PER_USER: String(PARALLEL + 2),
  };
  const procs: ChildProcess[] = [fake];
  try {
    const config = loadConfig(env);
    const port = 3900 + (process.pid % 90);
    const api = (await child('api', { ...env, PORT: String(port) }, nodeArgs('MINA_BENCH_API_NODE_ARGS'))).proc;
    procs.push(api);
    const worker = (await child('worker', env, WORKER_NODE_ARGS)).proc;
    procs.push(worker);
    if (WORKER_NICE) setPriority(worker.pid!, WORKER_NICE);
    const load = (await child('load', process.env)).proc;
    procs.push(load);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const base = `http://127.0.0.1:${port}`;
    const auth = await signUp(base);
    for (let i = 0; i < 50; i++) await fetch(`${base}/api/meetings`, { method: 'POST', headers: { ...auth.headers, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Meeting ${i}` }) });
    const roles = { api: api.pid!, worker: worker.pid!, fake: fake.pid!, load: load.pid!, bench: process.pid };
    const mina = { api: api.pid!, worker: worker.pid! };
    await sleep(2_000);
    const bootIdle = { api: rssOf(mina.api), worker: rssOf(mina.worker) };

    const progress = async (ids: string[]): Promise<Progress[]> => {
      const { rows } = await db.query<{ id: string; status: string; stored_at: Date | null; duration_ms: number | null }>(
        `select s.id, s.status, r.created_at as stored_at, r.duration_ms from session s left join recording r on r.session_id = s.id where s.id = any($1)`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => {
        const r = byId.get(id);
        return { status: r?.status ?? 'missing', storedAt: r?.stored_at?.getTime(), durationMs: r?.duration_ms ?? undefined };
      });
    };
    const transcribed = (p: Progress) => !['uploading', 'queued', 'transcribing', 'missing'].includes(p.status);
    const settle = async () => {
      for (let i = 0; i < 600; i++) {
        const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from session where status in ('queued', 'transcribing', 'processing')`);
        if (rows[0].n === 0) break;
        await sleep(200);
      }
      await sleep(1_500);
    };

    /** One file from the first byte sent to its transcript, with what each stage cost. */
    const measure = async (label: string, file: { path: string; bytes: number }) => {
      await settle();
      const idle = { api: rssOf(mina.api), worker: rssOf(mina.worker) };
      const asrBefore = await fakeStats('reset');
      const rss = new RssSampler(mina, mina.worker);
      let cpu = new MachineCpu(roles);
      const t0 = Date.now();
      const up = await tusUploadFile(base, auth.headers, file.path);
      let p = (await progress([up.sessionId]))[0];
      let cpuIngest: Record<string, number> | undefined;
      let storedAt = 0;
      while (!transcribed(p)) {
        if (!cpuIngest && p.storedAt) {
          cpuIngest = cpu.stop();
          cpu = new MachineCpu(roles);
          storedAt = Date.now();
        }
        await sleep(100);
        p = (await progress([up.sessionId]))[0];
      }
      const doneAt = Date.now();
      const cpuTranscribe = cpu.stop();
      const memory = rss.stop(idle);
      const asr = await fakeStats();
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from segment where session_id = $1`, [up.sessionId]);
      if (!p.durationMs || !cpuIngest) throw new Error(`${label}: ended ${p.status} without a stored recording`);
      const audioS = p.durationMs / 1000;
      const ingestS = ((p.storedAt ?? storedAt) - t0) / 1000;
      const transcribeS = (doneAt - (p.storedAt ?? storedAt)) / 1000;
      const asrRequests = asr.requests - asrBefore.requests;
      log(`${label}: upload ${round(up.seconds)} s, stored after ${round(ingestS)} s, transcribed after ${round(transcribeS)} s`);
      const workerMemory = await ask<Record<string, unknown>>(worker, 'memory');
      const floor = await floorOf(file.path, p.durationMs);
      return {
        file: { format: file.path.split('.').pop(), megabytes: round(file.bytes / 1024 ** 2), audioMinutes: round(audioS / 60) },
        status: p.status,
        segments: rows[0].n,
        seconds: { upload: round(up.seconds, 2), uploadDecodeStore: round(ingestS, 2), transcription: round(transcribeS, 2), whole: round((doneAt - t0) / 1000, 2) },
        realTimeFactor: { uploadDecodeStore: round(audioS / ingestS), transcription: round(audioS / transcribeS), whole: round(audioS / ((doneAt - t0) / 1000)) },
        asr: { requests: asrRequests, maxConcurrent: asr.maxConcurrent, boundRealTimeFactor: round(audioS / ((asrRequests * LATENCY_MS) / 1000 / config.fileAsrConcurrency)) },
        rss: memory,
        workerMemoryAtEnd: workerMemory,
        cpuPercentOfOneCore: { uploadDecodeStore: cpuIngest, transcription: cpuTranscribe },
        floor,
      };
    };

    const hour: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const format of FORMATS) hour[format] = await measure(`${MINUTES} min ${format}`, files.hour[format]);
    const long = files.long && (await measure(`${LONG_MINUTES} min mp3`, files.long));

    await settle();
    const listUrl = `${base}/api/meetings?range=[0,24]`;
    const list = () => loadList(load, listUrl, auth.headers, LOAD_SECONDS);
    await loadList(load, listUrl, auth.headers, 5); // warm-up
    const quietCpu = new MachineCpu(roles);
    const quiet = await list();
    const quietCpuUse = quietCpu.stop();
    const idle = { api: rssOf(mina.api), worker: rssOf(mina.worker) };
    const rss = new RssSampler(mina, mina.worker);
    const loadedCpu = new MachineCpu(roles);
    const t0 = Date.now();
    const loading = list();
    await sleep(500);
    const uploads = await Promise.all(files.parallel.map((f) => tusUploadFile(base, auth.headers, f.path)));
    const uploadedAt = Date.now();
    const ids = uploads.map((u) => u.sessionId);
    let storedAllAt = 0;
    let ps = await progress(ids);
    while (!ps.every(transcribed)) {
      if (!storedAllAt && ps.every((p) => p.storedAt)) storedAllAt = Date.now();
      await sleep(200);
      ps = await progress(ids);
    }
    const doneAt = Date.now();
    const loaded = await loading;
    const loadedCpuUse = loadedCpu.stop();
    const memory = rss.stop(idle);
    await settle();
    const quietAfter = await list();
    // The machine is shared: the load without uploads is measured before and after, and the ratio is to their mean.
    const ratio = loaded.p99 / Math.max(1, (quiet.p99 + quietAfter.p99) / 2);
    const audioS = ps.reduce((n, p) => n + (p.durationMs ?? 0), 0) / 1000;
    const parallel = {
      uploads: PARALLEL,
      format: PARALLEL_FORMAT,
      minutesEach: PARALLEL_MINUTES,
      statuses: ps.map((p) => p.status),
      secondsFromFirstByte: { uploaded: round((uploadedAt - t0 - 500) / 1000, 2), allStored: round(((storedAllAt || doneAt) - t0 - 500) / 1000, 2), allTranscribed: round((doneAt - t0 - 500) / 1000, 2) },
      realTimeFactorWhole: round(audioS / ((doneAt - t0 - 500) / 1000)),
      list: { loadSeconds: LOAD_SECONDS, connections: 20, without: quiet, with: loaded, withoutAfter: quietAfter, p99Ratio: round(ratio, 2) },
      rss: memory,
      cpuPercentOfOneCore: { without: quietCpuUse, with: loadedCpuUse },
    };

    const target = (name: string, measured: number, limit: number, atLeast: boolean) => ({ name, measured: round(measured, 2), target: `${atLeast ? '>=' : '<='} ${limit}`, pass: atLeast ? measured >= limit : measured <= limit });
    const singles = Object.values(hour);
    const hourFirst = singles[0];
    const bootWorkerMb = bootIdle.worker / 1024 ** 2;
    const fileTargets = !long || !hourFirst ? [] : [
      target(`real-time factor, whole (${MINUTES} min ${FORMATS[0]}, upload → transcript, one worker)`, hourFirst.realTimeFactor.whole, 50, true),
      ...FORMATS.slice(1).map((f) => target(`real-time factor, whole (${MINUTES} min ${f})`, hour[f].realTimeFactor.whole, 50, true)),
      target('worker RSS growth over boot idle, any length (MB)', Math.max(...[...singles, long].map((h) => h.rss.worker.peakMb - bootWorkerMb)), 150, false),
      target('api RSS growth over its idle, any run (MB)', Math.max(...[...singles, long].map((h) => h.rss.api.growthMb), memory.api.growthMb), 150, false),
      target(`worker peak ${LONG_MINUTES} min vs ${MINUTES} min (MB, must not grow with length)`, long.rss.worker.peakMb - hourFirst.rss.worker.peakMb, 150, false),
    ];
    const ffmpeg = await detectFfmpeg();
    console.log(
      JSON.stringify(
        {
          machine,
          settings: {
            asrLatencyMs: LATENCY_MS,
            MINA_FILE_ASR_CONCURRENCY: config.fileAsrConcurrency,
            MINA_RECORDING_WORKERS: config.recordingWorkers,
            recordingsFormat: config.recordingsFormat,
            processes: { api: 1, worker: 1 },
            workerNodeArgs: WORKER_NODE_ARGS.join(' '),
            workerNice: WORKER_NICE,
            ffmpegNice: FFMPEG_NICE,
            ffmpeg: ffmpeg.version,
          },
          bootIdleRssMb: { api: round(bootIdle.api / 1024 ** 2), worker: round(bootWorkerMb) },
          hour,
          long: long && hourFirst ? { ...long, workerPeakVsHourMb: round(long.rss.worker.peakMb - hourFirst.rss.worker.peakMb) } : undefined,
          parallel,
          targets: [...fileTargets, target(`list p99 with ${PARALLEL} uploads ÷ without (mean of before and after)`, ratio, 1.5, false)],
        },
        null,
        2,
      ),
    );
    await db.end();
  } finally {
    for (const proc of procs.reverse()) {
      proc.kill('SIGTERM');
      await Promise.race([once(proc, 'exit'), sleep(15_000)]);
      proc.kill('SIGKILL');
    }
    await clearRedisPrefix(prefix);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(audioDir, { recursive: true, force: true });
  }
}

async function signUp(base: string): Promise<{ headers: Record<string, string> }> {
  const email = `bench-${process.pid}@example.com`;
  const password = 'bench-password-1';
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/auth/register', { email, password, name: 'Bench' });
  const { accessToken } = (await (await post('/api/auth/login', { email, password })).json()) as { accessToken: string };
  const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { memberships: { workspaceId: string }[] };
  return { headers: { authorization: `Bearer ${accessToken}`, 'x-workspace-id': me.memberships[0].workspaceId } };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
