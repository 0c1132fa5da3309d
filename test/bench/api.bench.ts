/**
 * npm run bench:api — seeds 100k meetings in 50 workspaces, 1M segments and 200k tasks into a
 * PostgreSQL database, starts the built server as a child process, and loads two list
 * endpoints with autocannon at 200 connections; the endpoints' own SQL statements (built by the
 * same repository code) run straight through `pg` at the same concurrency are the floor.
 * Prints JSON.
 */
import autocannon from 'autocannon';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import type { ListQuery } from '#src/common/list-query.js';
import { pageStatement, type SqlPage } from '#src/common/sql-list.js';
import { MeetingsRepository } from '#src/meetings/meetings.repository.js';
import { TasksRepository } from '#src/tasks/tasks.repository.js';
import { startBuiltServer, waitReady } from './built-server.js';

const ADMIN_URL = process.env.MINA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.MINA_BENCH_DB ?? 'mina_bench';
const PORT = Number(process.env.MINA_BENCH_PORT ?? 3917);
const CONNECTIONS = Number(process.env.MINA_BENCH_CONNECTIONS ?? 200);
const DURATION = Number(process.env.MINA_BENCH_SECONDS ?? 15);
const WORKSPACES = 50;
const MEETINGS = 100_000;
const SESSIONS = 10_000;
const SEGMENTS_PER_SESSION = 100;
const TASKS = 200_000;
const PASSWORD = 'bench-password-1';

const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

function log(line: string): void {
  process.stderr.write(`[bench:api] ${line}\n`);
}

async function seed(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB])).rowCount;
  await admin.end();
  if (exists) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const seeded = await c.query(`select count(*)::int as n from segment`).catch(() => ({ rows: [{ n: 0 }] }));
    await c.end();
    if ((seeded.rows[0] as { n: number }).n >= SESSIONS * SEGMENTS_PER_SESSION) {
      log('reusing seeded database');
      return;
    }
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`drop database "${DB}" with (force)`);
    await a.end();
  }
  const a = new pg.Client({ connectionString: ADMIN_URL });
  await a.connect();
  await a.query(`create database "${DB}"`);
  await a.end();

  // The server applies the migrations; boot it once against the empty database.
  const server = startServer();
  await waitReady(PORT);
  server.kill('SIGTERM');
  await once(server, 'exit');

  const { hash } = await import('@node-rs/argon2');
  const passwordHash = await hash(PASSWORD);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const t0 = Date.now();
  await c.query(`insert into "user" (id, created_at, updated_at, email, name, password_hash)
    select gen_random_uuid(), now(), now(), 'owner' || i || '@bench.local', 'Owner ' || i, $1 from generate_series(1, ${WORKSPACES}) i`, [passwordHash]);
  await c.query(`insert into "user" (id, created_at, updated_at, email, name, password_hash)
    select gen_random_uuid(), now(), now(), 'member' || i || '@bench.local', 'Member ' || i, $1 from generate_series(1, ${WORKSPACES * 10}) i`, [passwordHash]);
  await c.query(`insert into workspace (id, created_at, updated_at, name, slug, settings)
    select gen_random_uuid(), now(), now(), 'Workspace ' || i, 'bench-ws-' || i, '{}' from generate_series(1, ${WORKSPACES}) i`);
  await c.query(`insert into membership (id, created_at, updated_at, workspace_id, user_id, role)
    select gen_random_uuid(), now(), now(), w.id, u.id, 'owner' from workspace w join "user" u on u.email = 'owner' || substr(w.slug, 10) || '@bench.local'`);
  await c.query(`insert into membership (id, created_at, updated_at, workspace_id, user_id, role)
    select gen_random_uuid(), now(), now(), w.id, u.id, 'member' from workspace w
    join "user" u on u.email like 'member%@bench.local' and (substr(u.email, 7, position('@' in u.email) - 7)::int - 1) / 10 + 1 = substr(w.slug, 10)::int`);
  await c.query(`create temporary table ws as select id, row_number() over (order by slug) as n from workspace`);
  await c.query(`insert into meeting (id, created_at, updated_at, workspace_id, organizer_id, title, status, scheduled_start)
    select gen_random_uuid(), now() - (i || ' minutes')::interval, now(), ws.id,
      (select user_id from membership m where m.workspace_id = ws.id and m.role = 'owner'),
      'Meeting ' || i, (array['draft','scheduled','live','completed','cancelled'])[1 + i % 5], now() + (i % 90 || ' days')::interval
    from generate_series(1, ${MEETINGS}) i join ws on ws.n = 1 + i % ${WORKSPACES}`);
  await c.query(`insert into participant (id, created_at, updated_at, meeting_id, user_id, role, status)
    select gen_random_uuid(), now(), now(), m.id, mb.user_id, 'attendee', 'accepted'
    from meeting m join lateral (select user_id from membership where workspace_id = m.workspace_id order by user_id limit 3) mb on true`);
  await c.query(`insert into session (id, created_at, updated_at, workspace_id, user_id, title, status, language, stats, speaker_names, started_at)
    select gen_random_uuid(), now() - (i || ' minutes')::interval, now(), ws.id,
      (select user_id from membership m where m.workspace_id = ws.id and m.role = 'owner'), 'Session ' || i, 'completed', 'en', '{}', '{}', now()
    from generate_series(1, ${SESSIONS}) i join ws on ws.n = 1 + i % ${WORKSPACES}`);
  log(`seeded users, workspaces, meetings, sessions in ${Date.now() - t0} ms`);
  await c.query(`insert into segment (id, created_at, updated_at, session_id, seq, kind, text, speaker, start_ms, end_ms, confidence, language)
    select gen_random_uuid(), now(), now(), s.id, g, 'final',
      (array['we should ship the remote control prototype by friday',
             'the budget for the battery components is still open',
             'marketing wants a fancy look and feel with a kinetic charger',
             'can you send the minutes to the whole team after the meeting',
             'I think the scroll wheel is a risk for the production cost'])[1 + g % 5] || ' ' || g,
      chr(65 + g % 4), g * 4000, g * 4000 + 3500, 0.9, 'en'
    from session s cross join generate_series(0, ${SEGMENTS_PER_SESSION - 1}) g`);
  log(`seeded 1M segments after ${Date.now() - t0} ms`);
  await c.query(`insert into task (id, created_at, updated_at, workspace_id, title, status, priority, assigned_to_id, created_by_id, due_date, extracted)
    select gen_random_uuid(), now() - (i || ' seconds')::interval, now(), mb.workspace_id, 'Task ' || i,
      (array['open','in_progress','blocked','done','cancelled'])[1 + i % 5], (array['low','medium','high','urgent'])[1 + i % 4],
      mb.user_id, mb.user_id, current_date + (i % 60), false
    from generate_series(1, ${TASKS}) i
    join (select workspace_id, user_id, row_number() over (order by workspace_id, user_id) as n from membership) mb on mb.n = 1 + i % ${WORKSPACES * 11}`);
  await c.query('analyze');
  log(`seeded tasks and analyzed after ${Date.now() - t0} ms`);
  await c.end();
}

function startServer() {
  return startBuiltServer(PORT, {
    DATABASE_URL: dbUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
    MINA_REDIS_PREFIX: 'mina-bench',
    MINA_API_RATE_LIMIT: '10000000',
    LOG_LEVEL: 'warn',
    MINA_ROLE: 'api',
  });
}

interface Figures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function load(path: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}${path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** The floor: the endpoint's own statement (page, total, related rows) straight through a pg pool, same concurrency. */
async function sqlFloor(page: SqlPage, query: ListQuery): Promise<Figures> {
  const statement = pageStatement(page, query);
  let n = 0;
  const text = statement.sql.replace(/\?/g, () => `$${++n}`);
  const params = statement.params;
  const pool = new pg.Pool({ connectionString: dbUrl, max: 20 });
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const start = performance.now();
        try {
          await pool.query(text, params);
          latencies.push(performance.now() - start);
        } catch {
          errors++;
        }
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 100) / 100;
  return { requestsPerSec: Math.round(latencies.length / DURATION), p50Ms: pct(0.5), p99Ms: pct(0.99), errors, non2xx: 0 };
}

async function main(): Promise<void> {
  await seed();
  const server = startServer();
  try {
    await waitReady(PORT);
    const login = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner7@bench.local', password: PASSWORD }),
    });
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
    const me = (await (await fetch(`http://127.0.0.1:${PORT}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      memberships: { workspaceId: string }[];
    };
    const workspaceId = me.memberships[0].workspaceId;
    const headers = { authorization: `Bearer ${accessToken}`, 'x-workspace-id': workspaceId };
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const assignee = (await c.query(`select assigned_to_id as id from task where workspace_id = $1 and status = 'open' group by assigned_to_id order by count(*) desc limit 1`, [workspaceId])).rows[0] as { id: string };
    const counts = (await c.query(`select (select count(*) from meeting)::int as meetings, (select count(*) from segment)::int as segments, (select count(*) from task)::int as tasks`)).rows[0] as Record<string, number>;
    await c.end();

    // Warm up connection pools and plans.
    await load('/api/meetings?range=%5B0,24%5D', headers).catch(() => undefined);

    const meetingsPath = `/api/meetings?sort=${encodeURIComponent('["createdAt","DESC"]')}&range=${encodeURIComponent('[0,24]')}`;
    const tasksPath = `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ assignedToId: assignee.id, status: 'open' }))}&range=${encodeURIComponent('[0,24]')}`;
    const meetingsApi = await load(meetingsPath, headers);
    const tasksApi = await load(tasksPath, headers);
    const range = { start: 0, end: 24 };
    const meetingsQuery: ListQuery = { sort: { field: 'createdAt', order: 'DESC' }, range, filter: {} };
    const tasksQuery: ListQuery = { sort: { field: 'createdAt', order: 'DESC' }, range, filter: { assignedToId: assignee.id, status: 'open' } };
    const meetingsSql = await sqlFloor(MeetingsRepository.page(workspaceId, meetingsQuery), meetingsQuery);
    const tasksSql = await sqlFloor(TasksRepository.page(workspaceId, user.id, tasksQuery), tasksQuery);
    const ratio = (api: Figures, sql: Figures) => Math.round((api.p99Ms / Math.max(sql.p99Ms, 0.01)) * 10) / 10;
    const report = {
      benchmark: 'api',
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      data: counts,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      meetingsList: { api: meetingsApi, sqlFloor: meetingsSql, p99RatioToFloor: ratio(meetingsApi, meetingsSql) },
      tasksByAssigneeAndStatus: { api: tasksApi, sqlFloor: tasksSql, p99RatioToFloor: ratio(tasksApi, tasksSql) },
      targets: { p99Ms: 20, ratioToFloor: 3 },
      userId: user.id,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
