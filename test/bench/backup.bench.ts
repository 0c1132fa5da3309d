/**
 * npm run bench:backup — RPO/RTO on a 1M-segment PostgreSQL database. Seeds (or reuses) a
 * database with 10k sessions × 100 segments of real meeting sentences, then times what an
 * operator would run: a backup (pg_dump → zstd → AES-256-GCM → manifest), a verify, and a
 * restore into a fresh empty database with its verification (row counts, migrations). Prints JSON.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AuditModule } from '#src/audit/audit.module.js';
import { BackupToolsModule } from '#src/backups/backup-tools.module.js';
import { BackupRestorer } from '#src/backups/backup.restorer.js';
import { BackupVerifier } from '#src/backups/backup.verifier.js';
import { BackupsCoreModule } from '#src/backups/backups-core.module.js';
import { BackupsService } from '#src/backups/backups.service.js';
import { ConfigModule } from '#src/config/config.module.js';
import { loadConfig } from '#src/config/config.js';
import { DatabaseModule } from '#src/database/database.module.js';
import { ormOptions } from '#src/database/mikro-orm.config.js';
import { withContext } from '#src/database/with-context.js';
import { meetingsDir } from '../support/fixtures.js';

const ADMIN_URL = process.env.MINA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.MINA_BENCH_BACKUP_DB ?? 'mina_bench_backup';
const SESSIONS = 10_000;
const SEGMENTS_PER_SESSION = 100;
const FIXTURES = meetingsDir();

const urlOf = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};
const log = (line: string) => process.stderr.write(`[bench:backup] ${line}\n`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Up to 2,000 real utterances from the meeting fixtures, for text that compresses and indexes like the real thing. */
function sentences(): string[] {
  const out: string[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
    const { meeting_transcripts: turns = [] } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { meeting_transcripts?: { content: string }[] };
    out.push(...turns.map((t) => t.content).filter((t) => t.length > 20));
  }
  return out.slice(0, 2000);
}

async function seed(): Promise<string> {
  const url = urlOf(DB);
  const exists = await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [DB])).rowCount);
  if (exists) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const n = await c.query('select count(*)::int as n from segment').then((r) => (r.rows[0] as { n: number }).n).catch(() => 0);
    await c.end();
    if (n >= SESSIONS * SEGMENTS_PER_SESSION) {
      log(`reusing ${DB} (${n} segments)`);
      return url;
    }
    await admin((c) => c.query(`drop database "${DB}" with (force)`));
  }
  await admin((c) => c.query(`create database "${DB}"`));
  const orm = await MikroORM.init(ormOptions({ kind: 'postgresql', url, replicas: [] }));
  await orm.migrator.up();
  await orm.close(true);

  const t0 = Date.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`insert into "user" (id, created_at, updated_at, email, name, password_hash)
    select gen_random_uuid(), now(), now(), 'member' || i || '@bench.local', 'Member ' || i, 'x' from generate_series(1, 100) i`);
  await c.query(`insert into workspace (id, created_at, updated_at, name, slug, settings)
    select gen_random_uuid(), now(), now(), 'Workspace ' || i, 'bench-ws-' || i, '{}' from generate_series(1, 10) i`);
  await c.query(`insert into session (id, created_at, updated_at, workspace_id, user_id, title, status, language, stats, speaker_names, started_at)
    select gen_random_uuid(), now() - (i || ' minutes')::interval, now(), (select id from workspace order by slug offset i % 10 limit 1),
      (select id from "user" order by email offset i % 100 limit 1), 'Session ' || i, 'completed', 'en', '{}', '{}', now()
    from generate_series(1, ${SESSIONS}) i`);
  const text = sentences();
  await c.query(
    `insert into segment (id, created_at, updated_at, session_id, seq, kind, text, speaker, start_ms, end_ms, confidence, language)
     select gen_random_uuid(), now(), now(), s.id, g, 'final', ($1::text[])[1 + (g * 7919 + s.n) % array_length($1::text[], 1)],
       chr(65 + g % 4), g * 4000, g * 4000 + 3500, 0.8 + (g % 20) / 100.0, 'en'
     from (select id, row_number() over () as n from session) s cross join generate_series(0, ${SEGMENTS_PER_SESSION - 1}) g`,
    [text],
  );
  await c.query('analyze');
  await c.end();
  log(`seeded ${SESSIONS * SEGMENTS_PER_SESSION} segments in ${seconds(Date.now() - t0)} s`);
  return url;
}

async function main(): Promise<void> {
  const sourceUrl = await seed();
  const dir = mkdtempSync(join(tmpdir(), 'mina-bench-backups-'));
  const target = `mina_bench_restore_${randomBytes(4).toString('hex')}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
    DATABASE_URL: sourceUrl,
    MINA_BACKUP_DIR: dir,
    MINA_BACKUP_KEY: randomBytes(32).toString('base64'),
  };
  const config = loadConfig(env);
  try {
    const dbBytes = await admin(async (c) => Number((await c.query('select pg_database_size($1) as n', [DB])).rows[0].n));

    const app = await NestFactory.createApplicationContext(
      { module: class BackupBench {}, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), AuditModule, BackupsCoreModule] },
      { logger: ['error', 'warn'] },
    );
    const orm = app.get<MikroORM>(MikroORM);
    let t = performance.now();
    const manifest = await withContext(orm, () => app.get(BackupsService).run({ trigger: 'cli' }));
    const backupMs = performance.now() - t;
    log(`backup ${manifest.id}: ${manifest.sizeBytes} bytes in ${seconds(backupMs)} s`);
    t = performance.now();
    const verified = await withContext(orm, () => app.get(BackupVerifier).verify(manifest.id));
    const verifyMs = performance.now() - t;
    if (!verified.ok) throw new Error(`verify failed: ${verified.problems.join('; ')}`);
    await app.close();

    await admin((c) => c.query(`create database "${target}"`));
    const tools = await NestFactory.createApplicationContext(BackupToolsModule.forRoot(loadConfig({ ...env, DATABASE_URL: '' })), { logger: ['error', 'warn'] });
    t = performance.now();
    const report = await tools.get(BackupRestorer).restore(manifest.id, urlOf(target));
    const restoreMs = performance.now() - t;
    await tools.close();
    log(`restored ${report.rows} rows in ${seconds(restoreMs)} s`);

    const scheduleHours = 24;
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), postgres: manifest.serverVersion },
          database: { segments: manifest.tables?.['public.segment'], rows: report.rows, sizeBytes: dbBytes },
          backup: { seconds: seconds(backupMs), fileBytes: manifest.sizeBytes, ratio: Math.round((dbBytes / (manifest.sizeBytes ?? 1)) * 10) / 10 },
          verify: { seconds: seconds(verifyMs) },
          restore: { seconds: seconds(restoreMs), includes: 'checksum, decrypt, pg_restore, row counts and migrations check' },
          rpo: { schedule: 'daily 02:00 UTC', worstCaseHours: Math.round((scheduleHours + backupMs / 3_600_000) * 100) / 100, note: 'data written since the last completed backup is lost; the dump itself is consistent as of its start' },
          rto: { restoreAndVerifySeconds: seconds(restoreMs), note: 'plus creating the empty database and restarting Mina on it' },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin((c) => c.query(`drop database if exists "${target}" with (force)`));
  }
}

await main();
