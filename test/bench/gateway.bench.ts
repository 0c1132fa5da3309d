/*
 * `npm run bench:gateway` — the live path under load (issue 3 item 7). Not a timed test.
 *
 * N simulated clients stream real speech (the es2002a fixture, each from a different utterance) at
 * real-time pace in 250 ms PCM16 chunks through the real gateway: the built server (dist/src/main.js,
 * MINA_ROLE=api) as a child process, the fake OpenAI at a fixed latency in another child process.
 * Prints JSON per stage: server-added latency p50/p95/p99 (deltas of the server's
 * mina_transcription_added_latency_seconds histogram), client-measured ack latency, lost/duplicated
 * chunks and finals' coverage, server CPU and RSS (/proc/<pid>), where the whole machine's CPU went
 * (server, load generator, fake ASR, Redis, PostgreSQL, other), the same load through a bare
 * Socket.IO relay (the floor), a 10k idle sockets check, and the load average.
 *
 * Options (flags or env): --streams 1000[,500,...] (BENCH_STREAMS), --seconds 60 (BENCH_SECONDS),
 * --idle 10000 (BENCH_IDLE, 0 skips), --asr-latency 100 (BENCH_ASR_LATENCY_MS), --no-relay,
 * --servers 1 (BENCH_SERVERS: api processes sharing Redis and PostgreSQL, clients spread over them).
 * The server's log goes to /tmp/<redis prefix>-server[N].log. BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the server's node,
 * BENCH_FAKE_NODE_ARGS to the fake OpenAI's.
 * Each stream's client is the console's sender itself (ChunkSender, @mina/contract/chunk-sender):
 * chunks queue in seq order, at most 4 await their ack, and a refusal that resending can cure
 * (SERVICE_UNAVAILABLE, RATE_LIMITED, LIMIT_EXCEEDED, …) or a missing ack pauses the stream for a
 * jittered backoff (250 ms doubling to 5 s) before the chunk is sent again; TOO_LATE drops the chunk,
 * a fatal code stops the stream. After the last chunk the queue gets 15 s to drain. Overload shows
 * as audio acked late (untilAckedMs, from when the audio was due) rather than as gaps.
 * "Holds" = p99 added ≤ 50 ms, every chunk acked first time, finals exact, RSS ≤ 1.5 GB, and the
 * clients themselves kept real-time pace (on a shared 2-core machine the load generator competes too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { clearRedisPrefix, createTestDatabase, TEST_REDIS_URL } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { fixtureAudio } from '../support/fixtures.js';
import { normalizeToken } from '#src/transcription/audio/text-tokens.js';
import { TRANSCRIPTION_NAMESPACE, type Ack, type SegmentEvent } from '#src/transcription/transcription.events.js';
import { ChunkSender, type ChunkAnswer } from '@mina/contract/chunk-sender';
import { freePort } from '#src/redis/redis-launcher.js';
import { allProcStats, CLK_TCK, readProcStat } from './proc-stat.js';

const SELF = fileURLToPath(import.meta.url);
const CHUNK_MS = 250;
const SAMPLE_RATE = 16_000;
const CHUNK_BYTES = (SAMPLE_RATE * CHUNK_MS * 2) / 1000;
/** Longer than the console's (10 s): under overload a late ack is measured, not resent. */
const ACK_TIMEOUT_MS = 30_000;
/** After the last chunk, how long queued audio may take to be acked before it counts as unacked. */
const DRAIN_MS = 15_000;

function option(name: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : (process.env[env] ?? fallback);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- child modes

/** The floor: a bare Socket.IO server that acks each chunk and echoes a message per second of audio. */
function relayMain(port: number): void {
  const http = createHttpServer();
  const ioServer = new Server(http, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  ioServer.of(TRANSCRIPTION_NAMESPACE).on('connection', (socket) => {
    socket.on('session:join', (_p: unknown, ack: (a: object) => void) => ack({ ok: true, nextSeq: 0 }));
    socket.on('audio:chunk', (p: { sessionId: string; seq: number }, ack: (a: object) => void) => {
      ack({ ok: true, seq: p.seq, duplicate: false });
      if (p.seq % 4 === 3) socket.emit('segment', { sessionId: p.sessionId, id: `echo:${p.seq}`, kind: 'interim', text: 'echo', startMs: 0, endMs: 0 });
    });
  });
  http.listen(port, '127.0.0.1', () => process.send?.('ready'));
}

async function fakeMain(latencyMs: number): Promise<void> {
  // An orderly exit, so that a --cpu-prof (BENCH_FAKE_NODE_ARGS) is written.
  process.once('SIGTERM', () => process.exit(0));
  const fake = await startFakeOpenAI({ scripts: [fixtureAudio('es2002a-2min')], latencyMs });
  process.send?.({ baseURL: fake.baseURL });
}

function forkSelf(args: string[], nodeArgs: string[] = []): { child: ChildProcess; message: Promise<unknown> } {
  const child = spawn(process.execPath, [...nodeArgs, SELF, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const message = new Promise<unknown>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
  });
  return { child, message };
}

// ---------------------------------------------------------------- process stats

interface ProcSample {
  cpuTicks: number;
  rssBytes: number;
}

function sampleProc(pid: number): ProcSample {
  const cpuTicks = readProcStat(pid)?.ticks ?? 0;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuTicks, rssBytes: Number(rss?.[1] ?? 0) * 1024 };
}

class ProcMonitor {
  private readonly start: ProcSample;
  private readonly startedAt = Date.now();
  peakRss = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.start = sampleProc(pid);
    this.timer = setInterval(() => (this.peakRss = Math.max(this.peakRss, sampleProc(pid).rssBytes)), 1000);
  }

  stop(): { cpuPercentOfOneCore: number; rssMB: number; peakRssMB: number } {
    clearInterval(this.timer);
    const end = sampleProc(this.pid);
    this.peakRss = Math.max(this.peakRss, end.rssBytes);
    const seconds = (Date.now() - this.startedAt) / 1000;
    return {
      cpuPercentOfOneCore: round((((end.cpuTicks - this.start.cpuTicks) / CLK_TCK) / seconds) * 100, 1),
      rssMB: round(end.rssBytes / 2 ** 20, 0),
      peakRssMB: round(this.peakRss / 2 ** 20, 0),
    };
  }
}

/** Busy and total ticks of the whole machine (/proc/stat), over all cores. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3] - (cpu[4] ?? 0), total };
}

/**
 * Where the machine's CPU went during a run, in % of one core: the server(s), the load generator
 * (this process: the simulated clients), the fake ASR, Redis, PostgreSQL, and everything else —
 * on a 2-core box they all compete, so this says whether the server was short of CPU.
 */
class MachineCpu {
  private readonly procs = allProcStats();
  private readonly machine = machineTicks();
  private readonly startedAt = Date.now();

  constructor(private readonly roles: Record<string, number[]>) {}

  stop(): Record<string, number> {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const now = allProcStats();
    const machine = machineTicks();
    const byRole: Record<string, number> = {};
    const roleOf = new Map<number, string>();
    for (const [role, pids] of Object.entries(this.roles)) for (const pid of pids) roleOf.set(pid, role);
    for (const [pid, { comm, ticks }] of now) {
      const delta = ticks - (this.procs.get(pid)?.ticks ?? 0);
      if (delta <= 0) continue;
      const role = roleOf.get(pid) ?? (comm === 'redis-server' ? 'redis' : comm === 'postgres' ? 'postgresql' : 'other');
      byRole[role] = (byRole[role] ?? 0) + delta;
    }
    const pct = (ticks: number) => round((ticks / CLK_TCK / seconds) * 100, 1);
    const cores = machine.total - this.machine.total > 0 ? (machine.busy - this.machine.busy) / (machine.total - this.machine.total) : 0;
    return {
      ...Object.fromEntries(Object.entries(byRole).map(([role, ticks]) => [role, pct(ticks)])),
      machineBusyPercent: round(cores * 100, 1),
    };
  }
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------- Prometheus histogram deltas

type Buckets = Map<number, number>;
/** Milliseconds, or `">N"` when it falls past the histogram's last finite bucket. */
type Quantile = number | string | null;

async function scrapeGauge(url: string, name: string): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

async function scrapeHistogram(url: string, name: string): Promise<Buckets> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Buckets = new Map();
  const re = new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const m of text.matchAll(re)) {
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    out.set(le, (out.get(le) ?? 0) + Number(m[2]));
  }
  return out;
}

/** Quantile (seconds → ms) of a cumulative-bucket delta, linear within the bucket (as histogram_quantile does). */
function histogramQuantiles(before: Buckets, after: Buckets): { count: number; p50: Quantile; p95: Quantile; p99: Quantile } {
  const les = [...after.keys()].sort((a, b) => a - b);
  const cum = les.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = cum.at(-1) ?? 0;
  const q = (p: number): Quantile => {
    if (total === 0) return null;
    const rank = p * total;
    const i = cum.findIndex((c) => c >= rank);
    const hi = les[i];
    const lo = i === 0 ? 0 : les[i - 1];
    if (hi === Infinity) return `>${round(lo * 1000, 1)}`;
    const below = i === 0 ? 0 : cum[i - 1];
    const inBucket = cum[i] - below;
    return round((lo + (hi - lo) * (inBucket === 0 ? 1 : (rank - below) / inBucket)) * 1000, 1);
  };
  return { count: total, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

// ---------------------------------------------------------------- fixture

interface Truth {
  pcm: Buffer;
  utterances: { text: string; startMs: number; endMs: number }[];
  words: string[];
  /** Index in `words` of each utterance's first word. */
  firstWord: number[];
}

function loadTruth(): Truth {
  const path = fixtureAudio('es2002a-2min');
  const wav = readFileSync(path);
  const at = wav.indexOf('data', 12, 'ascii');
  const pcm = wav.subarray(at + 8, at + 8 + wav.readUInt32LE(at + 4));
  const { utterances } = JSON.parse(readFileSync(path.replace(/\.wav$/, '.json'), 'utf8')) as Truth;
  const words: string[] = [];
  const firstWord: number[] = [];
  for (const u of utterances) {
    firstWord.push(words.length);
    words.push(...tokens(u.text));
  }
  return { pcm, utterances, words, firstWord };
}

const tokens = (text: string): string[] => text.split(/\s+/).map(normalizeToken).filter(Boolean);

// ---------------------------------------------------------------- the load

interface Client {
  socket: Socket;
  sessionId: string;
  /** Fixture offset (bytes) and the utterance it starts at. */
  offset: number;
  utterance: number;
  sent: number;
  acked: number;
  duplicateAcks: number;
  refused: number;
  resent: number;
  refusedBy: Map<string, number>;
  ackSeen: Set<number>;
  finals: Map<string, SegmentEvent>;
  repeatedFinalIds: number;
  sender: ChunkSender;
  /** When each chunk's audio was due (real time), by seq. */
  dueAt: Map<number, number>;
}

interface LoadResult {
  streams: number;
  seconds: number;
  connectSeconds: number;
  chunksSent: number;
  chunksAcked: number;
  /** Never acked: refused for good (not retryable), or still queued when the drain time ran out. */
  unackedChunks: number;
  /** Pauses of a stream after a curable refusal or a missing ack, each followed by a resend. */
  resentChunks: number;
  duplicatedChunks: number;
  /** Answers `{ ok: false }` (limits, overload), counting each attempt. By error code/reason. */
  refusedChunks: number;
  refusedBy: Record<string, number>;
  /** Each attempt's answer time. */
  ackMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  /** From when the chunk's audio was due (real time) to its ack: queueing and resends included. */
  untilAckedMs: { p50: number | null; p99: number | null; max: number | null };
  sendLagMs: { p50: number | null; p99: number | null; max: number | null };
  echoes: number;
}

async function connectAll(urls: string[], n: number, auth: (i: number) => object, concurrency = 100): Promise<{ sockets: Socket[]; seconds: number; failed: number }> {
  const sockets: Socket[] = new Array<Socket>(n);
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const socket = io(`${urls[i % urls.length]}${TRANSCRIPTION_NAMESPACE}`, { auth: auth(i), transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
      await new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', () => {
          failed++;
          resolve();
        });
      });
      sockets[i] = socket;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sockets, seconds: round((performance.now() - started) / 1000, 2), failed };
}

async function runLoad(opts: {
  /** Client i connects to urls[i % urls.length]. */
  urls: string[];
  streams: number;
  seconds: number;
  truth: Truth;
  sessionIds: string[];
  auth: (i: number) => object;
}): Promise<{ result: LoadResult; clients: Client[] }> {
  const { truth } = opts;
  // Start points: utterances that leave `seconds` of audio after them (no looping needed below ~60 s).
  const starts = truth.utterances.map((u, i) => ({ u, i })).filter(({ u }) => u.startMs + opts.seconds * 1000 + 2000 < truth.pcm.length / 32);
  const candidates = starts.length > 0 ? starts : [{ u: truth.utterances[0], i: 0 }];
  const conn = await connectAll(opts.urls, opts.streams, opts.auth);
  if (conn.failed > 0) throw new Error(`${conn.failed} of ${opts.streams} sockets failed to connect`);
  const ackMs: number[] = [];
  const untilAckedMs: number[] = [];
  const lagMs: number[] = [];
  const clients: Client[] = conn.sockets.map((socket, i) => {
    const start = candidates[i % candidates.length];
    const offsetMs = Math.max(0, start.u.startMs - 300);
    const sessionId = opts.sessionIds[i];
    const c: Client = {
      socket,
      sessionId,
      offset: Math.floor((offsetMs * SAMPLE_RATE) / 1000) * 2,
      utterance: start.i,
      sent: 0,
      acked: 0,
      duplicateAcks: 0,
      refused: 0,
      resent: 0,
      refusedBy: new Map(),
      ackSeen: new Set(),
      finals: new Map(),
      repeatedFinalIds: 0,
      sender: new ChunkSender(socket, sessionId, 0, {
        ackTimeoutMs: ACK_TIMEOUT_MS,
        onStats: (stats) => (c.resent = stats.retries),
        onAnswer: (answer) => observe(c, answer),
      }),
      dueAt: new Map(),
    };
    return c;
  });
  let echoes = 0;
  await Promise.all(
    clients.map(async (c) => {
      c.socket.on('segment', (e: SegmentEvent) => {
        if (e.kind !== 'final') return echoes++;
        if (c.finals.has(e.id)) c.repeatedFinalIds++;
        c.finals.set(e.id, e);
      });
      const ack = (await c.socket.timeout(60_000).emitWithAck('session:join', { sessionId: c.sessionId })) as Ack;
      if (!ack.ok) throw new Error(`join: ${JSON.stringify(ack)}`);
      c.sender.resume(0);
    }),
  );

  const total = Math.floor((opts.seconds * 1000) / CHUNK_MS);
  const t0 = performance.now() + 500;
  await Promise.all(
    clients.map(async (c, i) => {
      // Stagger the clients over one chunk period so they do not all send in the same millisecond.
      const base = t0 + (i / clients.length) * CHUNK_MS;
      for (let seq = 0; seq < total; seq++) {
        const due = base + seq * CHUNK_MS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        lagMs.push(Math.max(0, performance.now() - due));
        const from = (c.offset + seq * CHUNK_BYTES) % (truth.pcm.length - CHUNK_BYTES);
        c.dueAt.set(seq, due);
        c.sent++;
        c.sender.push(truth.pcm.subarray(from, from + CHUNK_BYTES), SAMPLE_RATE);
      }
    }),
  );
  // What is still queued or in flight gets DRAIN_MS to be acked, as a client would before ending.
  await Promise.all(clients.map((c) => c.sender.drain(DRAIN_MS)));
  for (const c of clients) c.sender.stop();

  /** Each answer the sender got: acks counted once per seq, refusals by code/reason, latencies. */
  function observe(c: Client, { ack, elapsedMs }: ChunkAnswer): void {
    if (!ack) return;
    ackMs.push(elapsedMs);
    if (ack.ok) {
      if (ack.duplicate || c.ackSeen.has(ack.seq)) c.duplicateAcks++;
      else c.acked++;
      c.ackSeen.add(ack.seq);
      untilAckedMs.push(performance.now() - c.dueAt.get(ack.seq)!);
      return;
    }
    const code = `${ack.error.code}${ack.error.reason ? `/${ack.error.reason}` : ''}`;
    c.refusedBy.set(code, (c.refusedBy.get(code) ?? 0) + 1);
    c.refused++;
  }
  ackMs.sort((a, b) => a - b);
  untilAckedMs.sort((a, b) => a - b);
  lagMs.sort((a, b) => a - b);
  const sent = clients.reduce((n, c) => n + c.sent, 0);
  const acked = clients.reduce((n, c) => n + c.acked, 0);
  return {
    clients,
    result: {
      streams: opts.streams,
      seconds: opts.seconds,
      connectSeconds: conn.seconds,
      chunksSent: sent,
      chunksAcked: acked,
      unackedChunks: sent - acked - clients.reduce((n, c) => n + c.duplicateAcks, 0),
      resentChunks: clients.reduce((n, c) => n + c.resent, 0),
      duplicatedChunks: clients.reduce((n, c) => n + c.duplicateAcks, 0),
      refusedChunks: clients.reduce((n, c) => n + c.refused, 0),
      refusedBy: clients.reduce<Record<string, number>>((acc, c) => {
        for (const [code, n] of c.refusedBy) acc[code] = (acc[code] ?? 0) + n;
        return acc;
      }, {}),
      ackMs: { p50: r1(percentile(ackMs, 50)), p95: r1(percentile(ackMs, 95)), p99: r1(percentile(ackMs, 99)), max: r1(ackMs.at(-1) ?? null) },
      untilAckedMs: { p50: r1(percentile(untilAckedMs, 50)), p99: r1(percentile(untilAckedMs, 99)), max: r1(untilAckedMs.at(-1) ?? null) },
      sendLagMs: { p50: r1(percentile(lagMs, 50)), p99: r1(percentile(lagMs, 99)), max: r1(lagMs.at(-1) ?? null) },
      echoes,
    },
  };
}

const r1 = (x: number | null) => (x === null ? null : round(x, 1));

/**
 * Each stream's finals, in order, must be exactly the ground-truth words from its start utterance
 * on. A stream with a chunk that was never acked has a hole in its audio (the server skips it
 * eventually), so only streams whose every chunk was acked can be held to that: the others are
 * counted apart.
 */
function coverage(clients: Client[], truth: Truth) {
  let exact = 0;
  let finalWords = 0;
  let mismatched = 0;
  let withHoles = 0;
  let mismatchedWithHoles = 0;
  let repeatedIds = 0;
  const examples: { stream: number; got: string; expected: string }[] = [];
  clients.forEach((c, i) => {
    repeatedIds += c.repeatedFinalIds;
    const got = tokens(
      [...c.finals.values()]
        .sort((a, b) => a.seq! - b.seq!)
        .map((s) => s.text)
        .join(' '),
    );
    const from = truth.firstWord[c.utterance];
    const expected = truth.words.slice(from, from + got.length);
    finalWords += got.length;
    const bad = got.filter((w, k) => w !== expected[k]).length;
    if (c.acked + c.duplicateAcks < c.sent) {
      withHoles++;
      mismatchedWithHoles += bad;
      return;
    }
    if (bad === 0 && got.length > 0) exact++;
    mismatched += bad;
    if (bad > 0 && examples.length < 3) examples.push({ stream: i, got: got.slice(0, 12).join(' '), expected: expected.slice(0, 12).join(' ') });
  });
  return {
    streamsWithFinals: clients.filter((c) => c.finals.size > 0).length,
    streamsExact: exact,
    finalWords,
    mismatchedWords: mismatched,
    repeatedFinalIds: repeatedIds,
    streamsWithUnackedChunks: withHoles,
    mismatchedWordsInThose: mismatchedWithHoles,
    examples,
  };
}

// ---------------------------------------------------------------- the real server

interface ServerProc {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>, index = 0): Promise<ServerProc> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const log = openSync(`/tmp/${env.MINA_REDIS_PREFIX ?? 'minabench'}-server${index || ''}.log`, 'w');
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    if (await fetch(`${url}/health/live`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('server did not start');
    await sleep(200);
  }
  return {
    child,
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function api<T>(url: string, path: string, body: object, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signUp(url: string): Promise<{ token: string; workspaceId: string }> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  await api(url, '/api/auth/register', { email, password: 'correct horse battery', name: 'Bench' });
  const { accessToken } = await api<{ accessToken: string }>(url, '/api/auth/login', { email, password: 'correct horse battery' });
  const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { memberships: { workspaceId: string }[] };
  return { token: accessToken, workspaceId: me.memberships[0].workspaceId };
}

async function createSessions(url: string, user: { token: string; workspaceId: string }, n: number): Promise<string[]> {
  const ids: string[] = [];
  const headers = { authorization: `Bearer ${user.token}`, 'x-workspace-id': user.workspaceId };
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => api<{ id: string }>(url, '/api/sessions', { title: 'bench' }, headers)));
    ids.push(...batch.map((b) => b.id));
  }
  return ids;
}

/** A database and a Redis prefix of its own for one stage, and the env of an `api` process on them. */
async function stageEnv(extra: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const prefix = `minabench-${randomBytes(4).toString('hex')}`;
  const env = {
    MINA_ROLE: 'api',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: prefix,
    MINA_DATA_DIR: `/tmp/${prefix}`,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-signing',
    MINA_ADMIN_DIST: '/nonexistent',
    MINA_METRICS_PUBLIC: 'true',
    MINA_API_RATE_LIMIT: '10000000',
    // One bench user streams every session at once, far past a real user's quota.
    MINA_MAX_LIVE_SESSIONS_PER_USER: '100000',
    MINA_MAX_LIVE_SESSIONS_PER_WORKSPACE: '100000',
    ...extra,
  };
  return { database, env };
}

async function gatewayStage(streams: number, seconds: number, fakeBaseURL: string, fakePid: number, truth: Truth, serverCount: number) {
  const { database, env } = await stageEnv({ OPENAI_BASE_URL: fakeBaseURL, OPENAI_API_KEY: 'sk-fake', MINA_ASR_MODEL: 'whisper-1' });
  // The first one migrates the database; the others start on it.
  const servers = [await startServer(env)];
  try {
    for (let k = 1; k < serverCount; k++) servers.push(await startServer(env, k));
    const urls = servers.map((x) => x.url);
    const user = await signUp(urls[0]);
    const sessionIds = await createSessions(urls[0], user, streams);
    const scrapeAll = async (name: string) => sumBuckets(await Promise.all(urls.map((u) => scrapeHistogram(u, name))));
    const before = await scrapeAll('mina_transcription_added_latency_seconds');
    const ackBefore = await scrapeAll('mina_audio_chunk_ack_seconds');
    const monitors = servers.map((x) => new ProcMonitor(x.child.pid!));
    const cpu = new MachineCpu({ server: servers.map((x) => x.child.pid!), loadGenerator: [process.pid], fakeAsr: [fakePid] });
    const load1 = loadavg();
    const { result, clients } = await runLoad({ urls, streams, seconds, truth, sessionIds, auth: () => ({ token: user.token, workspaceId: user.workspaceId }) });
    // Let the windows closed by the last chunks come back from the ASR.
    await sleep(3_000);
    const procs = monitors.map((m) => m.stop());
    const cpuPercentOfOneCore = cpu.stop();
    const eventLoopLagMs = await Promise.all(
      urls.map(async (u) => ({
        p99: r1(((await scrapeGauge(u, 'mina_nodejs_eventloop_lag_p99_seconds')) ?? NaN) * 1000),
        max: r1(((await scrapeGauge(u, 'mina_nodejs_eventloop_lag_max_seconds')) ?? NaN) * 1000),
      })),
    );
    const after = await scrapeAll('mina_transcription_added_latency_seconds');
    const ackAfter = await scrapeAll('mina_audio_chunk_ack_seconds');
    for (const c of clients) c.socket.close();
    const added = histogramQuantiles(before, after);
    const serverAck = histogramQuantiles(ackBefore, ackAfter);
    const cov = coverage(clients, truth);
    const peakRssMB = procs.reduce((n, x) => n + x.peakRssMB, 0);
    const server =
      servers.length === 1
        ? { ...procs[0], eventLoopLagMs: eventLoopLagMs[0] }
        : {
            processes: procs.map((x, k) => ({ ...x, eventLoopLagMs: eventLoopLagMs[k] })),
            cpuPercentOfOneCore: round(procs.reduce((n, x) => n + x.cpuPercentOfOneCore, 0), 1),
            peakRssMB,
          };
    return {
      ...result,
      servers: servers.length,
      serverAddedLatencyMs: added,
      serverAckMs: serverAck,
      finals: cov,
      server,
      cpuPercentOfOneCore,
      loadAverage: { atStart: load1.map((x) => round(x)), atEnd: loadavg().map((x) => round(x)) },
      holds: {
        p99AddedUnder50ms: typeof added.p99 === 'number' && added.p99 <= 50,
        everyChunkAckedFirstTime: result.unackedChunks === 0 && result.refusedChunks === 0,
        finalsExact: cov.mismatchedWords === 0 && cov.repeatedFinalIds === 0,
        rssUnder1_5GB: peakRssMB <= 1536,
        clientKeptPace: (result.sendLagMs.p99 ?? 0) <= CHUNK_MS,
      },
    };
  } finally {
    await Promise.all(servers.map((x) => x.stop()));
    await clearRedisPrefix(env.MINA_REDIS_PREFIX).catch(() => undefined);
    await database.drop().catch(() => undefined);
  }
}

function sumBuckets(all: Buckets[]): Buckets {
  const out: Buckets = new Map();
  for (const b of all) for (const [le, n] of b) out.set(le, (out.get(le) ?? 0) + n);
  return out;
}

async function relayStage(streams: number, seconds: number, truth: Truth) {
  const port = await freePort();
  const relay = forkSelf(['relay', String(port)]);
  await relay.message;
  const url = `http://127.0.0.1:${port}`;
  try {
    const monitor = new ProcMonitor(relay.child.pid!);
    const cpu = new MachineCpu({ relay: [relay.child.pid!], loadGenerator: [process.pid] });
    const sessionIds = Array.from({ length: streams }, (_, i) => `relay-${i}`);
    const { result, clients } = await runLoad({ urls: [url], streams, seconds, truth, sessionIds, auth: () => ({}) });
    const proc = monitor.stop();
    const cpuPercentOfOneCore = cpu.stop();
    for (const c of clients) c.socket.close();
    return { ...result, server: proc, cpuPercentOfOneCore, loadAverage: loadavg().map((x) => round(x)) };
  } finally {
    relay.child.kill('SIGTERM');
  }
}

async function idleStage(n: number) {
  const { database, env } = await stageEnv();
  const server = await startServer(env);
  try {
    const user = await signUp(server.url);
    const rssBefore = sampleProc(server.child.pid!).rssBytes;
    const conn = await connectAll([server.url], n, () => ({ token: user.token, workspaceId: user.workspaceId }), 200);
    await sleep(10_000);
    const held = conn.sockets.filter((s) => s.connected).length;
    const rssAfter = sampleProc(server.child.pid!).rssBytes;
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const gauge = Number(/^mina_socket_connections(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1] ?? NaN);
    for (const s of conn.sockets) s.close();
    return {
      sockets: n,
      connectSeconds: conn.seconds,
      failed: conn.failed,
      stillConnectedAfter10s: held,
      serverGauge: gauge,
      serverRssMB: { before: round(rssBefore / 2 ** 20, 0), holding: round(rssAfter / 2 ** 20, 0) },
      perSocketKB: round((rssAfter - rssBefore) / n / 1024, 1),
      loadAverage: loadavg().map((x) => round(x)),
    };
  } finally {
    await server.stop();
    await clearRedisPrefix(env.MINA_REDIS_PREFIX).catch(() => undefined);
    await database.drop().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const streamsList = option('streams', 'BENCH_STREAMS', '1000').split(',').map(Number);
  const seconds = Number(option('seconds', 'BENCH_SECONDS', '60'));
  const idle = Number(option('idle', 'BENCH_IDLE', '10000'));
  const latencyMs = Number(option('asr-latency', 'BENCH_ASR_LATENCY_MS', '100'));
  const relay = !process.argv.includes('--no-relay');
  const servers = Number(option('servers', 'BENCH_SERVERS', '1'));
  const truth = loadTruth();
  const fake = forkSelf(['fake', String(latencyMs)], (process.env.BENCH_FAKE_NODE_ARGS ?? '').split(' ').filter(Boolean));
  const { baseURL } = (await fake.message) as { baseURL: string };
  const report: Record<string, unknown> = {
    machine: { cpus: (await import('node:os')).cpus().length, loadAverageAtStart: loadavg().map((x) => round(x)), node: process.version },
    config: { streams: streamsList, servers, seconds, chunkMs: CHUNK_MS, asrLatencyMs: latencyMs, idle, audio: 'es2002a-2min, each stream from a different utterance' },
    stages: [] as unknown[],
  };
  try {
    for (const streams of streamsList) {
      const stage: Record<string, unknown> = { streams };
      process.stderr.write(`gateway: ${streams} streams × ${seconds} s …\n`);
      stage.gateway = await gatewayStage(streams, seconds, baseURL, fake.child.pid!, truth, servers);
      if (relay) {
        process.stderr.write(`relay: ${streams} streams × ${seconds} s …\n`);
        stage.relayFloor = await relayStage(streams, seconds, truth);
      }
      (report.stages as unknown[]).push(stage);
      process.stderr.write(`${JSON.stringify(stage)}\n`);
    }
    if (idle > 0) {
      process.stderr.write(`idle: ${idle} sockets …\n`);
      report.idle = await idleStage(idle);
    }
  } finally {
    fake.child.kill('SIGTERM');
  }
  report.loadAverageAtEnd = loadavg().map((x) => round(x));
  console.log(JSON.stringify(report, null, 2));
}

const mode = process.argv[2];
if (mode === 'relay') relayMain(Number(process.argv[3]));
else if (mode === 'fake') void fakeMain(Number(process.argv[3]));
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
