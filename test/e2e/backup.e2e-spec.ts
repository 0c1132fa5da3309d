import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupToolsModule } from '#src/backups/backup-tools.module.js';
import { BackupRestorer } from '#src/backups/backup.restorer.js';
import { BackupsCoreModule } from '#src/backups/backups-core.module.js';
import type { BackupManifest } from '#src/backups/backup-manifest.js';
import type { BackupTunedConfig } from '#src/backups/backup-settings.js';
import { AuditModule } from '#src/audit/audit.module.js';
import { BackupCommand, RestoreCommand, VerifyBackupCommand } from '#src/cli/backup.commands.js';
import { ConfigModule } from '#src/config/config.module.js';
import { loadConfig } from '#src/config/config.js';
import { DatabaseModule } from '#src/database/database.module.js';
import { RecordingsRepository } from '#src/recordings/recordings.repository.js';
import { createSession, insertSegments, meetingTurns, type Member } from './pipeline.harness.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = { email: 'backup-admin@example.com', password: 'admin-password-1' };
const key = () => randomBytes(32).toString('base64');

interface Drill {
  t: TestApp;
  dir: string;
  env: Record<string, string>;
  admin: Record<string, string>;
}

async function boot(db: 'postgresql' | 'pglite', extra: Record<string, string> = {}): Promise<Drill> {
  const dir = mkdtempSync(join(tmpdir(), 'mina-backups-'));
  const env = { MINA_BACKUP_DIR: dir, MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password, ...extra };
  const t = await startTestApp({ db, env });
  const login = await t.http.post('/api/auth/login').send(ADMIN).expect(200);
  return { t, dir, env, admin: { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` } };
}

type Person = Member & { email: string };

async function register(http: TestApp['http'], name: string): Promise<Person> {
  const email = `${randomBytes(5).toString('hex')}@example.com`;
  await http.post('/api/auth/register').send({ email, password: 'correct horse battery', name }).expect(201);
  const reg = await http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
  const token = (reg.body as { accessToken: string }).accessToken;
  const me = (await http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200)).body as { id: string; memberships: { workspaceId: string }[] };
  const workspaceId = me.memberships[0].workspaceId;
  return { email, token, name, userId: me.id, workspaceId, auth: { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId } };
}

/** Two people, their meetings, a session each with a real transcript, tasks: all through the API but the segments. */
async function seed(d: Drill, turns: number): Promise<{ laura: Person; bob: Person; sessions: string[] }> {
  const laura = await register(d.t.http, 'Laura Smith');
  const bob = await register(d.t.http, 'Bob Stone');
  const sessions: string[] = [];
  for (const [member, file] of [[laura, 'ES2002a.json'], [bob, 'IS1000a.json']] as const) {
    const meeting = await d.t.http.post('/api/meetings').set(member.auth).send({ title: `Meeting from ${file}`, description: 'Kick-off' }).expect(201);
    const meetingId = (meeting.body as { id: string }).id;
    const sessionId = await createSession(d.t.http, member, `Session of ${file}`);
    await insertSegments(d.t.app, sessionId, meetingTurns(file, turns));
    sessions.push(sessionId);
    await seedRecording(d, sessionId, member.workspaceId, member === bob);
    for (const title of ['Send the minutes', 'Order the prototype casing']) {
      await d.t.http.post('/api/tasks').set(member.auth).send({ title: `${title} (${member.name})`, meetingId, sessionId }).expect(201);
    }
  }
  return { laura, bob, sessions };
}

/** A recording's index row (the file itself is backed up apart, see ops/runbooks/recordings.md); `deleted`: as the retention sweep leaves it. */
async function seedRecording(d: Drill, sessionId: string, workspaceId: string, deleted: boolean): Promise<void> {
  const peaks = randomBytes(1200);
  await d.t.app.get(RecordingsRepository, { strict: false }).save(
    { id: sessionId, workspaceId },
    { path: `${sessionId.slice(0, 2)}/${sessionId}.wav`, format: 'wav', contentType: 'audio/wav', sampleRate: 16_000, channels: 1, durationMs: 60_000, sizeBytes: 1_920_044, sha256: createHash('sha256').update(peaks).digest('hex'), peaks },
  );
  if (deleted) {
    await d.t.app.get(MikroORM).em.getConnection().execute(`update recording set deleted_at = '2031-01-02T03:04:05Z', deleted_reason = 'retention' where session_id = ?`, [sessionId]);
  }
}

async function recordingRows(url: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`select session_id, workspace_id, path, format, duration_ms, size_bytes, sha256, encode(peaks, 'hex') as peaks, deleted_at, deleted_reason from recording order by session_id`);
    return rows;
  } finally {
    await c.end();
  }
}

async function backupNow(d: Drill): Promise<BackupManifest> {
  const res = await d.t.http.post('/api/admin/backups').set(d.admin).expect(202);
  const { id } = res.body as { id: string };
  const until = Date.now() + 30_000;
  for (;;) {
    const m = (await d.t.http.get(`/api/admin/backups/${id}`).set(d.admin).expect(200)).body as BackupManifest;
    if (m.status === 'completed') return m;
    if (m.status === 'failed') throw new Error(`backup failed: ${m.error}`);
    if (Date.now() > until) throw new Error(`backup ${id} still ${m.status}`);
    await sleep(200);
  }
}

/** What `mina restore` boots, with a DATABASE_URL nobody could reach: restore must not need it. */
async function withTools<T>(env: Record<string, string>, fn: (restorer: BackupRestorer, command: RestoreCommand) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://nobody@192.0.2.1:1/gone', ...env });
  const ctx = await NestFactory.createApplicationContext(BackupToolsModule.forRoot(config), { logger: false });
  try {
    return await fn(ctx.get(BackupRestorer), ctx.get(RestoreCommand));
  } finally {
    await ctx.close();
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = ['user', 'workspace', 'membership', 'meeting', 'session', 'segment', 'task', 'refresh_token', 'recording'];
    const rows = await c.query(tables.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all '));
    return Object.fromEntries(rows.rows.map((r: { t: string; n: number }) => [r.t, r.n]));
  } finally {
    await c.end();
  }
}

/** Copies a backup into `into` with one byte flipped; with `fixManifest`, the manifest's checksum is updated to match. */
function tamper(dir: string, id: string, into: string, fixManifest: boolean): void {
  for (const f of [`${id}.backup`, `${id}.manifest.json`]) copyFileSync(join(dir, f), join(into, f));
  const file = readFileSync(join(into, `${id}.backup`));
  file[file.length >> 1] ^= 0x20;
  writeFileSync(join(into, `${id}.backup`), file);
  if (fixManifest) {
    const manifest = JSON.parse(readFileSync(join(into, `${id}.manifest.json`), 'utf8')) as BackupManifest;
    manifest.sha256 = createHash('sha256').update(file).digest('hex');
    writeFileSync(join(into, `${id}.manifest.json`), JSON.stringify(manifest));
  }
}

describe('backup drill on PostgreSQL: seed → backup → drop → restore → compare', () => {
  let d: Drill;
  let people: Awaited<ReturnType<typeof seed>>;
  let before: Record<string, number>;
  let backup: BackupManifest;
  let restored: { url: string; drop(): Promise<void> } | undefined;
  const scratch: string[] = [];

  beforeAll(async () => {
    d = await boot('postgresql', { MINA_BACKUP_KEY: key() });
    people = await seed(d, 150);
    before = await counts(d.t.config.databaseUrl!);
  });

  afterAll(async () => {
    await d?.t?.close();
    await restored?.drop();
    for (const dir of [d?.dir, ...scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('only instance admins reach /api/admin/backups', async () => {
    await d.t.http.get('/api/admin/backups').set(people.laura.auth).expect(403);
    await d.t.http.post('/api/admin/backups').set(people.laura.auth).expect(403);
    await d.t.http.get('/api/admin/backups').expect(401);
  });

  it('takes an encrypted backup on request (202, then a worker runs it) and lists it', async () => {
    backup = await backupNow(d);
    expect(backup).toMatchObject({ kind: 'postgresql', status: 'completed', trigger: 'manual', compression: 'zstd', content: 'pg_dump-custom' });
    expect(backup.schemaVersion).toMatch(/^Migration\d+/);
    expect(backup.migrations?.at(-1)).toBe(backup.schemaVersion);
    expect(backup.tables).toMatchObject({ 'public.segment': before.segment, 'public.task': before.task, 'public.user': before.user, 'public.meeting': before.meeting, 'public.recording': 2 });
    expect(before.segment).toBeGreaterThanOrEqual(250);
    // The dump is the whole database: every table is in it (recording, upload and whatever comes next), not a list kept by hand.
    const c = new pg.Client({ connectionString: d.t.config.databaseUrl });
    await c.connect();
    const tables = (await c.query<{ t: string }>(`select schemaname || '.' || tablename as t from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => r.t);
    await c.end();
    expect(Object.keys(backup.tables ?? {}).sort()).toEqual(tables);

    const file = readFileSync(join(d.dir, `${backup.id}.backup`));
    expect(file.subarray(0, 8).toString()).toBe('MINABKUP');
    expect(file.length).toBe(backup.sizeBytes);
    expect(createHash('sha256').update(file).digest('hex')).toBe(backup.sha256);
    // Encrypted: neither names nor transcript text can be read from the file.
    expect(file.includes(Buffer.from(people.laura.name))).toBe(false);
    expect(file.includes(Buffer.from('remote control'))).toBe(false);

    const list = await d.t.http.get('/api/admin/backups').set(d.admin).expect(200);
    expect(list.headers['content-range']).toBe('backups 0-0/1');
    expect(list.body).toEqual([
      { id: backup.id, createdAt: backup.createdAt, finishedAt: backup.finishedAt, sizeBytes: backup.sizeBytes, sha256: backup.sha256, status: 'completed', verifiedAt: null, kind: 'postgresql' },
    ]);
    await d.t.http.get('/api/admin/backups/00000000-0000-4000-8000-000000000000').set(d.admin).expect(404);
    await d.t.http.get('/api/admin/backups/..%2F..%2Fetc').set(d.admin).expect(404);
  });

  it('verifies it without restoring, and exports its age', async () => {
    const res = await d.t.http.post(`/api/admin/backups/${backup.id}/verify`).set(d.admin).expect(200);
    expect(res.body).toMatchObject({ id: backup.id, ok: true, problems: [] });
    const listed = (await d.t.http.get('/api/admin/backups').set(d.admin).expect(200)).body as { verifiedAt: string | null }[];
    expect(listed[0].verifiedAt).toBe((res.body as { verifiedAt: string }).verifiedAt);

    const metrics = (await d.t.http.get('/metrics').expect(200)).text;
    const age = Number(/^mina_backup_age_seconds\{[^}]*\} (\S+)$/m.exec(metrics)?.[1]);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(120);
    expect(metrics).toMatch(/^mina_backup_last_success_timestamp_seconds\{[^}]*\} \d+/m);
  });

  it('audits every action', async () => {
    const c = new pg.Client({ connectionString: d.t.config.databaseUrl });
    await c.connect();
    const rows = (await c.query(`select action, actor_id from audit_log where target = $1 order by at`, [`backup:${backup.id}`])).rows as { action: string; actor_id: string | null }[];
    await c.end();
    expect(rows.map((r) => r.action)).toEqual(['backup.requested', 'backup.completed', 'backup.verified']);
    expect(rows.every((r) => r.actor_id !== null)).toBe(true);
  });

  it('restores into a fresh database after the original is dropped; the app runs on it with the same data', async () => {
    const { laura, sessions } = people;
    const meetingsBefore = (await d.t.http.get('/api/meetings').set(laura.auth).expect(200)).body as unknown[];
    const segmentsBefore = (await d.t.http.get(`/api/sessions/${sessions[0]}/segments`).set(laura.auth).expect(200)).body as { text: string }[];
    const tasksBefore = (await d.t.http.get('/api/tasks?sort=["title","ASC"]').set(laura.auth).expect(200)).body as unknown[];
    const recordingsBefore = await recordingRows(d.t.config.databaseUrl!);
    expect(recordingsBefore).toHaveLength(2);
    await d.t.close(); // drops its database
    d.t = undefined as unknown as TestApp;

    restored = await createTestDatabase();
    await withTools({ ...d.env, MINA_BACKUP_KEY: d.env.MINA_BACKUP_KEY }, (_, command) => command.run([], { id: backup.id, target: restored!.url }));
    expect(await counts(restored.url)).toEqual(before);
    // The recordings' index comes back exactly: paths, checksums, peaks, and what retention deleted.
    expect(await recordingRows(restored.url)).toEqual(recordingsBefore);

    const again = await startTestApp({ databaseUrl: restored.url, env: d.env });
    try {
      const login = await again.http.post('/api/auth/login').send({ email: laura.email, password: 'correct horse battery' }).expect(200);
      const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}`, 'X-Workspace-Id': laura.workspaceId };
      expect((await again.http.get('/api/meetings').set(auth).expect(200)).body).toEqual(meetingsBefore);
      const segments = (await again.http.get(`/api/sessions/${sessions[0]}/segments`).set(auth).expect(200)).body as { text: string }[];
      expect(segments).toEqual(segmentsBefore);
      expect(segments.length).toBeGreaterThan(100);
      expect((await again.http.get('/api/tasks?sort=["title","ASC"]').set(auth).expect(200)).body).toEqual(tasksBefore);
      // Full-text search works on the restored data (the generated tsvector column and its index came back).
      const hits = (await again.http.get('/api/search?q=remote').set(auth).expect(200)).body as unknown[];
      expect(hits.length).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
    const c = new pg.Client({ connectionString: restored.url });
    await c.connect();
    const audit = (await c.query(`select data from audit_log where action = 'backup.restored'`)).rows as { data: { tables: Record<string, number> } }[];
    await c.end();
    expect(audit).toHaveLength(1);
    expect(audit[0].data.tables['public.segment']).toBe(before.segment);
  });

  it('refuses a non-empty target', async () => {
    await withTools(d.env, async (restorer) => {
      await expect(restorer.restore(backup.id, restored!.url)).rejects.toThrow(/is not empty \(public\.\S+.*restore only into a newly created, empty database/);
    });
  });

  it('refuses a tampered backup, with or without a matching checksum, before touching the target', async () => {
    const target = await createTestDatabase();
    try {
      for (const fixManifest of [false, true]) {
        const dir = mkdtempSync(join(tmpdir(), 'mina-tampered-'));
        scratch.push(dir);
        tamper(d.dir, backup.id, dir, fixManifest);
        await withTools({ ...d.env, MINA_BACKUP_DIR: dir }, async (restorer) => {
          await expect(restorer.restore(backup.id, target.url)).rejects.toThrow('backup is corrupted or tampered');
        });
      }
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      const tables = (await c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`)).rows[0] as { n: number };
      await c.end();
      expect(tables.n).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses a backup made with a different key, and says so', async () => {
    await withTools({ ...d.env, MINA_BACKUP_KEY: key() }, async (restorer) => {
      await expect(restorer.restore(backup.id, 'postgres://unused@127.0.0.1:5432/unused')).rejects.toThrow(/backup was made with a different key \(its key fingerprint is [0-9a-f]{16}/);
    });
    await withTools({ ...d.env, MINA_BACKUP_KEY: '' }, async (restorer) => {
      await expect(restorer.restore(backup.id, 'postgres://unused@127.0.0.1:5432/unused')).rejects.toThrow(/MINA_BACKUP_KEY is not set/);
    });
  });

  it('the ops CLI backs up the restored database and verifies it; retention keeps one backup a day', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), ...d.env, DATABASE_URL: restored!.url });
    const cli = await NestFactory.createApplicationContext(
      {
        module: class BackupCliUnderTest {},
        imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), AuditModule, BackupsCoreModule],
        providers: [BackupCommand, VerifyBackupCommand],
      },
      { logger: false },
    );
    try {
      await cli.get(BackupCommand).run();
      await cli.get(VerifyBackupCommand).run([], { id: 'latest' });
    } finally {
      await cli.close();
    }
    const manifests = readdirSync(d.dir).filter((f) => f.endsWith('.manifest.json'));
    const [latest] = manifests.map((f) => JSON.parse(readFileSync(join(d.dir, f), 'utf8')) as BackupManifest);
    // Same day as the first one: under 7 daily / 4 weekly / 12 monthly only the newest of the day stays.
    expect(manifests).toHaveLength(1);
    expect(latest).toMatchObject({ status: 'completed', trigger: 'cli', verification: { ok: true, problems: [] } });
    expect(latest.id).not.toBe(backup.id);
    expect(latest.tables?.['public.segment']).toBe(before.segment);
    const c = new pg.Client({ connectionString: restored!.url });
    await c.connect();
    const pruned = (await c.query(`select data from audit_log where action = 'backup.pruned'`)).rows as { data: { pruned: string[] } }[];
    await c.end();
    expect(pruned.map((r) => r.data.pruned)).toEqual([[backup.id]]);
  });
});

describe('backup drill on embedded PGlite', () => {
  let d: Drill;
  const restoredDir = join(tmpdir(), `mina-pglite-restore-${randomBytes(4).toString('hex')}`);

  beforeAll(async () => {
    d = await boot('pglite', { MINA_BACKUP_KEY: key() });
  });

  afterAll(async () => {
    await d?.t.close();
    for (const dir of [d?.dir, restoredDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up its data directory, verifies it, and restores it into a new directory', async () => {
    const { laura } = await seed(d, 60);
    const backup = await backupNow(d);
    expect(backup).toMatchObject({ kind: 'pglite', content: 'pglite-datadir-tar', status: 'completed' });
    expect(backup.tables?.['public.segment']).toBe(120);
    const verified = await d.t.http.post(`/api/admin/backups/${backup.id}/verify`).set(d.admin).expect(200);
    expect(verified.body).toMatchObject({ ok: true, problems: [] });

    const report = await withTools(d.env, (restorer) => restorer.restore(backup.id, restoredDir));
    expect(report.tables).toEqual(backup.tables);
    const db = await PGlite.create({ dataDir: restoredDir });
    try {
      const users = await db.query<{ email: string }>(`select email from "user" where email = $1`, [laura.email.toLowerCase()]);
      expect(users.rows).toHaveLength(1);
      const audit = await db.query(`select 1 from audit_log where action = 'backup.restored'`);
      expect(audit.rows).toHaveLength(1);
    } finally {
      await db.close();
    }
    await withTools(d.env, async (restorer) => {
      await expect(restorer.restore(backup.id, restoredDir)).rejects.toThrow(/is not empty/);
      await expect(restorer.restore(backup.id, 'postgres://unused@127.0.0.1:5432/unused')).rejects.toThrow(/is a pglite backup/);
    });
  });

  it('marks a tampered file in verify', async () => {
    const [backup] = (await d.t.http.get('/api/admin/backups').set(d.admin).expect(200)).body as { id: string }[];
    const path = join(d.dir, `${backup.id}.backup`);
    const file = readFileSync(path);
    file[100] ^= 0x01;
    writeFileSync(path, file);
    const res = await d.t.http.post(`/api/admin/backups/${backup.id}/verify`).set(d.admin).expect(200);
    expect(res.body).toMatchObject({ ok: false, problems: [expect.stringContaining('backup is corrupted or tampered')] });
  });
});

describe('without MINA_BACKUP_KEY', () => {
  let d: Drill;
  beforeAll(async () => {
    d = await boot('pglite');
  });
  afterAll(async () => {
    await d?.t.close();
    rmSync(d?.dir ?? '/nonexistent', { recursive: true, force: true });
  });

  it('refuses to back up or verify with 503 BACKUP_KEY_MISSING and a clear message', async () => {
    const res = await d.t.http.post('/api/admin/backups').set(d.admin).expect(503);
    expect(res.body).toMatchObject({ code: 'BACKUP_KEY_MISSING', message: expect.stringContaining('MINA_BACKUP_KEY is not set') });
    await d.t.http.post('/api/admin/backups/00000000-0000-4000-8000-000000000000/verify').set(d.admin).expect(503);
    await d.t.http.get('/api/admin/backups').set(d.admin).expect(200).expect([]);
    const metrics = (await request(d.t.url).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^mina_backup_age_seconds\{[^}]*\} \+Inf$/m);
  });
});

describe('a backup that fails', () => {
  let t: TestApp;
  let dir: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mina-backups-failing-'));
    // A pg_dump that is not there: the real failure path of a dump, no mock.
    const tuned: Partial<BackupTunedConfig> = { backups: { pgDump: join(dir, 'no-such-pg_dump') } };
    t = await startTestApp({ env: { MINA_BACKUP_DIR: dir, MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password, MINA_BACKUP_KEY: key() }, config: tuned });
    const login = await t.http.post('/api/auth/login').send(ADMIN).expect(200);
    admin = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
  });

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is failed in its manifest, dead-lettered like any job, counted in the job metrics, and runs again on retry', async () => {
    const { id } = (await t.http.post('/api/admin/backups').set(admin).expect(202)).body as { id: string };
    let manifest: BackupManifest | undefined;
    for (const until = Date.now() + 30_000; manifest?.status !== 'failed'; await sleep(100)) {
      manifest = (await t.http.get(`/api/admin/backups/${id}`).set(admin).expect(200)).body as BackupManifest;
      expect(manifest.status).not.toBe('completed');
      if (Date.now() > until) throw new Error(`backup ${id} still ${manifest.status}`);
    }
    expect(manifest.error).toContain('no-such-pg_dump');

    type Letter = { id: string; queue: string; jobName: string; jobId: string; attempts: number; error: string; data: Record<string, unknown> };
    let letters: Letter[] = [];
    for (const until = Date.now() + 10_000; letters.length === 0; await sleep(100)) {
      letters = (await t.http.get('/api/admin/dead-letters').query({ filter: JSON.stringify({ queue: 'backups' }) }).set(admin).expect(200)).body as Letter[];
      if (Date.now() > until) throw new Error('no dead letter for the failed backup');
    }
    expect(letters).toEqual([
      expect.objectContaining({ queue: 'backups', jobName: 'backup', jobId: `backup-${id}`, attempts: 1, error: expect.stringContaining('no-such-pg_dump'), data: expect.objectContaining({ id, trigger: 'manual' }) }),
    ]);
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^mina_job_duration_seconds_count\{[^}]*queue="backups",name="backup",state="failed"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^mina_queue_jobs\{[^}]*queue="backups",state="failed"[^}]*\} 1$/m);

    // A retry runs the same backup again under its id (still no pg_dump: failed again, a new letter).
    await t.http.post(`/api/admin/dead-letters/${letters[0].id}/retry`).set(admin).expect(202);
    let again: Letter[] = [];
    for (const until = Date.now() + 15_000; !again.some((l) => l.id !== letters[0].id); await sleep(100)) {
      again = (await t.http.get('/api/admin/dead-letters').query({ filter: JSON.stringify({ queue: 'backups' }) }).set(admin).expect(200)).body as Letter[];
      if (Date.now() > until) throw new Error('the retried backup left no new dead letter');
    }
    expect(again).toEqual([expect.objectContaining({ jobName: 'backup', jobId: `backup-${id}` })]);
    const retried = (await t.http.get(`/api/admin/backups/${id}`).set(admin).expect(200)).body as BackupManifest;
    expect(retried).toMatchObject({ status: 'failed', error: expect.stringContaining('no-such-pg_dump') });
    expect(Date.parse(retried.startedAt!)).toBeGreaterThan(Date.parse(manifest.startedAt!));
  });
});
