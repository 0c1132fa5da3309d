/**
 * npm run bench:ask [-- --segments 1000000 --concurrency 4 --rounds 3] [-- --seed-only]
 * Retrieval quality and latency of Ask Mina on the QMSum meetings of test/fixtures: each meeting
 * is imported as a session (turn = segment) into one workspace that filler sessions grow to 1M
 * segments; every specific question runs through `POST /api/ask/retrieve` scoped to its meeting's
 * session and over the whole workspace, and counts as found when a returned passage overlaps a
 * human-marked gold span. Then `POST /api/ask` answers each question with the fake model citing
 * the passages it was given, and the citations are judged against the same spans. Prints JSON.
 *
 * The database is seeded once and reused on later runs (drop `mina_bench_ask` to reseed).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, resolve } from 'node:path';
import pg from 'pg';
import type { AskAnswer, Passage, RetrieveInput, RetrieveResult } from '@mina/contract';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { meetingsDir } from '../support/fixtures.js';
import { CLK_TCK, readProcStat } from './proc-stat.js';
import { startBuiltServer, waitReady } from './built-server.js';
import { clearRedisPrefix, TEST_REDIS_URL } from '../support/test-app.js';
import {
  firstHitRank,
  layOutTurns,
  meanReciprocalRank,
  overlapsAny,
  parseSpans,
  percentile,
  precision,
  recallAt,
  turnsCovered,
  type TurnSpan,
  type TurnTime,
} from './ask-metrics.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ADMIN_URL = process.env.MINA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.MINA_BENCH_ASK_DB ?? 'mina_bench_ask';
const PORT = Number(process.env.MINA_BENCH_PORT ?? 3927);
const SEGMENTS = Number(arg('segments', '1000000'));
const CONCURRENCY = Number(arg('concurrency', '4'));
const ROUNDS = Number(arg('rounds', '3'));
const PER_FILLER_SESSION = 100;
const CREDENTIALS = { email: 'ask-bench@example.com', password: 'correct horse battery', name: 'Ask Bench' };
const TITLE_PREFIX = 'QMSum ';
const BASE = `http://127.0.0.1:${PORT}`;

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const log = (line: string) => process.stderr.write(`[bench:ask] ${line}\n`);

const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

/** What a speech-to-text transcript would hold: QMSum's `{vocalsound}`-style annotations are not said. */
const spoken = (text: string) =>
  text
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\s+([.,?!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

interface Question {
  meeting: string;
  query: string;
  gold: TurnSpan[];
}

interface Meeting {
  name: string;
  turns: { speaker: string; text: string }[];
  times: TurnTime[];
  questions: Question[];
}

function loadMeetings(): Meeting[] {
  const dir = meetingsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const doc = JSON.parse(readFileSync(resolve(dir, file), 'utf8')) as {
        meeting_transcripts: { speaker: string; content: string }[];
        specific_query_list: { query: string; relevant_text_span: string[][] }[];
      };
      const name = basename(file, '.json');
      const turns = doc.meeting_transcripts.map((t) => ({ speaker: t.speaker, text: spoken(t.content) }));
      return {
        name,
        turns,
        times: layOutTurns(turns.map((t) => t.text)),
        questions: doc.specific_query_list.map((q) => ({
          meeting: name,
          query: q.query,
          gold: parseSpans(q.relevant_text_span),
        })),
      };
    });
}

/** Filler: every turn of every meeting that no question marks as relevant, so the answers exist only in their own meeting. */
function fillerTurns(meetings: Meeting[]): { speakers: string[]; texts: string[] } {
  const speakers: string[] = [];
  const texts: string[] = [];
  for (const m of meetings) {
    const gold = m.questions.flatMap((q) => q.gold);
    m.turns.forEach((t, i) => {
      if (t.text && !overlapsAny([i, i], gold)) {
        speakers.push(t.speaker);
        texts.push(t.text);
      }
    });
  }
  return { speakers, texts };
}

function startServer(fake: FakeOpenAI, prefix: string): ChildProcess {
  return startBuiltServer(PORT, {
    DATABASE_URL: dbUrl,
    REDIS_URL: TEST_REDIS_URL,
    MINA_REDIS_PREFIX: prefix,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: fake.baseURL,
    MINA_API_RATE_LIMIT: '10000000',
    MINA_ASK_RATE_PER_MINUTE: '1000000',
    MINA_ADMIN_DIST: '/nonexistent',
    MINA_DATA_DIR: `/tmp/${prefix}`,
    LOG_LEVEL: 'warn',
    // No worker: imported sessions are not refined or summarized, retrieval reads their words as imported.
    MINA_ROLE: 'api',
  });
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  server.kill('SIGTERM');
  await once(server, 'exit');
}

async function call<T>(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body instanceof FormData ? headers : { 'content-type': 'application/json', ...headers },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function signIn(): Promise<Record<string, string>> {
  const login = () =>
    fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CREDENTIALS.email, password: CREDENTIALS.password }),
    });
  let res = await login();
  if (res.status === 401 || res.status === 404) {
    await call('POST', '/api/auth/register', CREDENTIALS);
    res = await login();
  }
  const body = (await res.json()) as { accessToken?: string };
  if (!body.accessToken) throw new Error(`login answered ${res.status}: ${JSON.stringify(body)}`);
  const { accessToken } = body;
  const me = await call<{ memberships: { workspaceId: string }[] }>('GET', '/api/me', undefined, {
    authorization: `Bearer ${accessToken}`,
  });
  return { authorization: `Bearer ${accessToken}`, 'x-workspace-id': me.memberships[0].workspaceId };
}

async function databaseExists(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return Boolean((await admin.query('select 1 from pg_database where datname = $1', [DB])).rowCount);
  } finally {
    await admin.end();
  }
}

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${DB}" with (force)`);
  await admin.query(`create database "${DB}"`);
  await admin.end();
}

/** True when a previous run left the meetings and the filler in place. */
async function seeded(meetings: Meeting[]): Promise<boolean> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const n = (await c.query<{ n: number }>('select count(*)::int as n from segment')).rows[0].n;
    const m = (
      await c.query<{ n: number }>(
        `select count(*)::int as n from session where title like '${TITLE_PREFIX}%'`,
      )
    ).rows[0].n;
    return n >= SEGMENTS && m === meetings.length;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}

async function importMeetings(meetings: Meeting[], auth: Record<string, string>): Promise<void> {
  for (const m of meetings) {
    const segments = m.turns
      .map((t, i) => ({ ...m.times[i], speaker: t.speaker, text: t.text }))
      .filter((s) => s.text);
    const form = new FormData();
    form.append(
      'file',
      new Blob([JSON.stringify({ segments })], { type: 'application/json' }),
      `${m.name}.json`,
    );
    form.append('title', `${TITLE_PREFIX}${m.name}`);
    form.append('language', 'en');
    await call('POST', '/api/sessions/import', form, auth);
  }
}

async function seedFiller(meetings: Meeting[], workspaceId: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const imported = (await c.query<{ n: number }>('select count(*)::int as n from segment')).rows[0].n;
  const sessions = Math.ceil(Math.max(0, SEGMENTS - imported) / PER_FILLER_SESSION);
  const { speakers, texts } = fillerTurns(meetings);
  const userId = (
    await c.query<{ id: string }>('select id from "user" where email = $1', [CREDENTIALS.email])
  ).rows[0].id;
  const t0 = Date.now();
  for (let from = 1; from <= sessions; from += 1000) {
    const to = Math.min(sessions, from + 999);
    await c.query(
      `with s as (
         insert into session (id, created_at, updated_at, workspace_id, user_id, title, status, language, stats, speaker_names, started_at)
         select gen_random_uuid(), now() - (i || ' minutes')::interval, now(), $1, $2, 'Filler ' || i, 'completed', 'en', '{}', '{}', now() - (i || ' minutes')::interval
           from generate_series($3::int, $4::int) i
         returning id)
       insert into segment (id, created_at, updated_at, session_id, workspace_id, seq, kind, text, speaker, start_ms, end_ms, confidence, language)
       select gen_random_uuid(), now(), now(), s.id, $1, g.k, 'final', ($5::text[])[p.i], ($6::text[])[p.i], g.k * 4000, g.k * 4000 + 3500, 0.9, 'en'
         from s cross join generate_series(0, ${PER_FILLER_SESSION - 1}) g(k)
         cross join lateral (select 1 + (hashtext(s.id::text || g.k)::bigint & 2147483647) % $7 as i) p`,
      [workspaceId, userId, from, to, texts, speakers, texts.length],
    );
    log(`filler sessions ${to}/${sessions} after ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  await c.query('vacuum analyze segment');
  await c.query('analyze');
  log(`filler seeded and vacuumed after ${Math.round((Date.now() - t0) / 1000)} s`);
  await c.end();
}

/** The bench meetings' sessions, and for each of their segments the turn it is (by its start on the session's clock). */
async function sessionsOf(meetings: Meeting[]): Promise<{
  sessionIds: Map<string, string>;
  segmentTurn: Map<string, number>;
  counts: Record<string, number>;
}> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const sessionIds = new Map<string, string>();
  const segmentTurn = new Map<string, number>();
  for (const m of meetings) {
    const id = (
      await c.query<{ id: string }>('select id from session where title = $1', [`${TITLE_PREFIX}${m.name}`])
    ).rows[0].id;
    sessionIds.set(m.name, id);
    const segs = await c.query<{ id: string; start_ms: number; end_ms: number }>(
      'select id, start_ms, end_ms from segment where session_id = $1',
      [id],
    );
    for (const s of segs.rows) {
      const span = turnsCovered(m.times, s.start_ms, s.end_ms);
      if (span) segmentTurn.set(s.id, span[0]);
    }
  }
  const counts = (
    await c.query<Record<string, number>>(
      `select (select count(*) from segment)::int as segments, (select count(*) from session)::int as sessions`,
    )
  ).rows[0];
  await c.end();
  return { sessionIds, segmentTurn, counts };
}

interface Judge {
  meetings: Map<string, Meeting>;
  sessionIds: Map<string, string>;
  segmentTurn: Map<string, number>;
}

/** A passage is a hit when it is a segment window of the question's meeting that overlaps a gold span. */
function isHit(judge: Judge, q: Question, p: Passage): boolean {
  if (p.sessionId !== judge.sessionIds.get(q.meeting) || !judge.segmentTurn.has(p.segmentId)) return false;
  const span = turnsCovered(judge.meetings.get(q.meeting)!.times, p.startMs, p.endMs);
  return span !== undefined && overlapsAny(span, q.gold);
}

async function retrieve(
  auth: Record<string, string>,
  input: RetrieveInput,
): Promise<{ passages: Passage[]; ms: number }> {
  const t = performance.now();
  const { passages } = await call<RetrieveResult>('POST', '/api/ask/retrieve', input, auth);
  return { passages, ms: performance.now() - t };
}

async function quality(
  judge: Judge,
  questions: Question[],
  auth: Record<string, string>,
  scoped: boolean,
  limit: number,
) {
  const ranks: (number | undefined)[] = [];
  const misses: { meeting: string; query: string }[] = [];
  for (const q of questions) {
    const { passages } = await retrieve(auth, {
      question: q.query,
      limit,
      ...(scoped ? { sessionId: judge.sessionIds.get(q.meeting) } : {}),
    });
    const rank = firstHitRank(passages.map((p) => isHit(judge, q, p)));
    ranks.push(rank);
    if (rank === undefined || rank > 10) misses.push({ meeting: q.meeting, query: q.query });
  }
  return {
    questions: questions.length,
    recallAt5: round3(recallAt(ranks, 5)),
    recallAt10: round3(recallAt(ranks, 10)),
    ...(limit > 10 ? { [`recallAt${limit}`]: round3(recallAt(ranks, limit)) } : {}),
    mrr: round3(meanReciprocalRank(ranks.map((r) => (r !== undefined && r <= 10 ? r : undefined)))),
    missedAt10: misses,
  };
}

/** The answer's window: a citation within this many turns of a gold span is counted precise (MINA_ASK_WINDOW's default). */
const ASK_WINDOW = 2;

/**
 * POST /api/ask for every question, scoped to its meeting, the fake model answering from the
 * passages it is given (it quotes the sentences sharing most words with the question and cites
 * their passages). A citation is precise when its segment is a turn of the question's meeting
 * within ASK_WINDOW turns of a gold span (strictly: inside one).
 */
async function citations(judge: Judge, questions: Question[], auth: Record<string, string>) {
  const within: boolean[] = [];
  const strict: boolean[] = [];
  let found = 0;
  let fallback = 0;
  for (const q of questions) {
    const answer = await call<AskAnswer>(
      'POST',
      '/api/ask',
      { question: q.query, sessionId: judge.sessionIds.get(q.meeting) },
      auth,
    );
    if (answer.found) found++;
    if (answer.fallbackUsed) fallback++;
    for (const c of answer.citations) {
      const turn =
        c.sessionId === judge.sessionIds.get(q.meeting) ? judge.segmentTurn.get(c.segmentId) : undefined;
      within.push(turn !== undefined && overlapsAny([turn, turn], q.gold, ASK_WINDOW));
      strict.push(turn !== undefined && overlapsAny([turn, turn], q.gold));
    }
  }
  const share = (xs: boolean[]) => {
    const p = precision(xs);
    return p === undefined ? null : round3(p);
  };
  return {
    questions: questions.length,
    found,
    fallbackUsed: fallback,
    citations: within.length,
    precisionWithinWindow: share(within),
    window: ASK_WINDOW,
    precisionStrict: share(strict),
  };
}

/** The PostgreSQL backends serving the bench database (the api's pool), and the api process. */
async function serverPids(server: ChildProcess): Promise<number[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const rows = (
    await c.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [DB],
    )
  ).rows;
  await c.end();
  return [server.pid!, ...rows.map((r) => r.pid)];
}

/** CPU ticks of each process now. */
const ticksOf = (pids: number[]) => new Map(pids.map((pid) => [pid, readProcStat(pid)?.ticks ?? 0]));

async function latency(
  questions: Question[],
  auth: Record<string, string>,
  concurrency: number,
  server: ChildProcess,
  sessionIds?: Map<string, string>,
) {
  const times: number[] = [];
  const cpu0 = ticksOf(await serverPids(server));
  const queue = Array.from({ length: ROUNDS }, () => questions).flat();
  const load0 = loadavg()[0];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let q = queue.shift(); q; q = queue.shift())
        times.push(
          (await retrieve(auth, { question: q.query, limit: 10, sessionId: sessionIds?.get(q.meeting) })).ms,
        );
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = ticksOf(await serverPids(server));
  const usedMs = (pid: number) => (((cpu1.get(pid) ?? 0) - (cpu0.get(pid) ?? 0)) * 1000) / CLK_TCK;
  const postgresMs = [...cpu1.keys()]
    .filter((pid) => pid !== server.pid)
    .reduce((sum, pid) => sum + usedMs(pid), 0);
  times.sort((a, b) => a - b);
  return {
    concurrency,
    requests: times.length,
    requestsPerSecond: round1(times.length / wall),
    p50Ms: round1(percentile(times, 50)),
    p95Ms: round1(percentile(times, 95)),
    p99Ms: round1(percentile(times, 99)),
    maxMs: round1(times[times.length - 1]),
    // CPU the request cost (the machine is shared: wall times wait for other work, CPU does not).
    cpuMsPerRequest: {
      api: round1(usedMs(server.pid!) / times.length),
      postgres: round1(postgresMs / times.length),
    },
    loadAverage1m: { before: round1(load0), after: round1(loadavg()[0]) },
  };
}

async function main(): Promise<void> {
  const meetings = loadMeetings();
  const questions = meetings.flatMap((m) => m.questions);
  const prefix = `minabench-ask-${randomBytes(3).toString('hex')}`;
  const fake = await startFakeOpenAI();
  const reuse = (await databaseExists()) && (await seeded(meetings));
  if (!reuse) await recreateDatabase();
  const server = startServer(fake, prefix);
  try {
    await waitReady(PORT, 120);
    const auth = await signIn();
    if (reuse) log('reusing the seeded database');
    else {
      const t0 = Date.now();
      await importMeetings(meetings, auth);
      log(
        `imported ${meetings.length} meetings in ${Date.now() - t0} ms; seeding filler to ${SEGMENTS} segments (once)…`,
      );
      await seedFiller(meetings, auth['x-workspace-id']);
    }
    if (process.argv.includes('--seed-only')) return;
    const { sessionIds, segmentTurn, counts } = await sessionsOf(meetings);
    const judge: Judge = { meetings: new Map(meetings.map((m) => [m.name, m])), sessionIds, segmentTurn };

    // Warm-up: every question once over the whole workspace (plans, caches, connection pools).
    for (const q of questions) await retrieve(auth, { question: q.query, limit: 10 });
    const sessionScope = await quality(judge, questions, auth, true, 10);
    const workspaceScope = await quality(judge, questions, auth, false, 10);
    const sequential = await latency(questions, auth, 1, server);
    const concurrent = await latency(questions, auth, CONCURRENCY, server);
    const scopedLatency = await latency(questions, auth, 1, server, sessionIds);
    const answers = await citations(judge, questions, auth);
    const report = {
      benchmark: 'ask',
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: loadavg().map(round1),
      },
      data: {
        ...counts,
        meetings: meetings.length,
        questions: questions.length,
        fillerFrom: 'non-gold turns of the 11 meetings',
      },
      retrieval: { sessionScope, workspaceScope },
      latency: { workspaceScope: [sequential, concurrent], sessionScope: [scopedLatency] },
      citations: answers,
      targets: { recallAt10: 0.8, p95Ms: 50 },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await stop(server);
    await fake.close();
    await clearRedisPrefix(prefix);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
