import { MikroORM } from '@mikro-orm/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withContext } from '#src/database/with-context.js';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import { RecordingsRepository } from '#src/recordings/recordings.repository.js';
import { BLOB_STORE, type BlobStore } from '#src/recordings/storage/blob-store.js';
import { RecordingSweep } from '#src/retention/recording-sweep.js';
import { RetentionRepository } from '#src/retention/retention.repository.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { stopScheduledRecordingSweep } from '../support/recording-sweep.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Issue 13 item 5: each workspace says whether audio is kept and for how long; the
 * sweep-recordings job deletes what is due (files gone, rows marked with when and why, one audit
 * entry per workspace), never audio that was not transcribed nor a session that is not finished.
 * The clock is chosen by the test: every recording's created_at is set relative to NOW.
 */

const NOW = new Date('2031-03-15T12:00:00.000Z');
const DAY = 86_400_000;

interface Case {
  name: string;
  status: string;
  transcription: Record<string, unknown> | null;
  ageDays: number;
  expected: 'retention' | 'workspace_setting' | null;
}

const THIRTY_DAYS: Case[] = [
  { name: 'a1 old', status: 'completed', transcription: null, ageDays: 40, expected: 'retention' },
  { name: 'a2 recent', status: 'completed', transcription: null, ageDays: 10, expected: null },
  { name: 'a3 never transcribed', status: 'completed', transcription: { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: 500 }, ageDays: 400, expected: null },
  { name: 'a4 still recording', status: 'recording', transcription: null, ageDays: 400, expected: null },
  { name: 'a5 error, transcribed', status: 'error', transcription: null, ageDays: 31, expected: 'retention' },
];
const NO_AUDIO: Case[] = [
  { name: 'b1 transcribed yesterday', status: 'completed', transcription: null, ageDays: 1, expected: 'workspace_setting' },
  { name: 'b2 never transcribed', status: 'completed', transcription: { state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: 500 }, ageDays: 1, expected: null },
  { name: 'b3 processing', status: 'processing', transcription: null, ageDays: 1, expected: null },
];
const FOREVER: Case[] = [{ name: 'c1 ancient', status: 'completed', transcription: null, ageDays: 1000, expected: null }];

async function* halfSecond(): AsyncGenerator<Buffer> {
  yield await Promise.resolve(Buffer.alloc(16_000, 7));
}

describe('recording retention (sweep-recordings)', () => {
  let t: TestApp;
  let db: pg.Client;
  let store: AudioStore;
  let sweep: RecordingSweep;
  let recordings: RecordingsRepository;
  let orm: MikroORM;
  const made = new Map<string, { sessionId: string; path: string; workspaceId: string; expected: Case['expected'] }>();
  const users: Record<'a' | 'b' | 'c' | 'd', SignedIn> = {} as never;

  async function seed(user: SignedIn, cases: Case[]): Promise<void> {
    for (const c of cases) {
      const sessionId = ((await t.http.post('/api/sessions').set(as(user)).send({ title: c.name }).expect(201)).body as { id: string }).id;
      const stored = await store.write(sessionId, halfSecond());
      await recordings.save({ id: sessionId, workspaceId: user.workspaceId }, stored);
      await db.query('update "session" set "status" = $1, "transcription" = $2 where "id" = $3', [c.status, c.transcription, sessionId]);
      await db.query('update "recording" set "created_at" = $1 where "session_id" = $2', [new Date(NOW.getTime() - c.ageDays * DAY), sessionId]);
      made.set(c.name, { sessionId, path: stored.path, workspaceId: user.workspaceId, expected: c.expected });
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { MINA_RETENTION_SWEEP_MINUTES: '10080' } });
    await stopScheduledRecordingSweep(t.app);
    db = new pg.Client({ connectionString: t.config.databaseUrl });
    await db.connect();
    store = t.app.get<AudioStore>(AUDIO_STORE, { strict: false });
    sweep = t.app.get(RecordingSweep, { strict: false });
    recordings = t.app.get(RecordingsRepository, { strict: false });
    orm = t.app.get(MikroORM);

    for (const key of ['a', 'b', 'c', 'd'] as const) users[key] = await registerUser(t.url, `Retention ${key}`);
    const put = (user: SignedIn, settings: unknown) => t.http.put(`/api/workspaces/${user.workspaceId}`).set(as(user)).send({ settings }).expect(200);
    await put(users.a, { recordings: { keep: true, retentionDays: 30 } });
    await put(users.b, { recordings: { keep: false } });
    await seed(users.a, THIRTY_DAYS);
    await seed(users.b, NO_AUDIO);
    await seed(users.c, FOREVER);
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('deletes what is due in batches, oldest first, and marks each row with when and why', async () => {
    // A run that died after deleting a1's file but before marking its row: the next run marks it.
    await store.delete(made.get('a1 old')!.path);

    expect(await sweep.run(NOW, 2)).toEqual({ deleted: 2, failed: 0, more: true });
    expect(await sweep.run(NOW, 2)).toEqual({ deleted: 1, failed: 0, more: false });
    // Idempotent: nothing is due any more.
    expect(await sweep.run(NOW, 2)).toEqual({ deleted: 0, failed: 0, more: false });

    for (const [name, r] of made) {
      const row = await withContext(orm, () => recordings.forSession(r.sessionId));
      expect({ name, reason: row?.deletedReason ?? null, at: row?.deletedAt?.toISOString() ?? null }).toEqual({
        name,
        reason: r.expected,
        at: r.expected ? NOW.toISOString() : null,
      });
      expect({ name, exists: await store.exists(r.path) }).toEqual({ name, exists: r.expected === null });
    }
  });

  it('writes one audit entry per workspace and run, with counts and session ids', async () => {
    const { rows } = await db.query<{ workspace_id: string; actor_id: string | null; data: { deleted: number; byReason: Record<string, number>; sessionIds: Record<string, string[]>; at: string } }>(
      `select workspace_id, actor_id, data from audit_log where action = 'recordings.retention_deleted' order by at`,
    );
    expect(rows).toHaveLength(2);
    const [a, b] = [rows.find((r) => r.workspace_id === users.a.workspaceId), rows.find((r) => r.workspace_id === users.b.workspaceId)];
    expect(a?.data).toEqual({
      at: NOW.toISOString(),
      deleted: 2,
      byReason: { retention: 2, workspace_setting: 0 },
      sessionIds: { retention: [made.get('a1 old')!.sessionId, made.get('a5 error, transcribed')!.sessionId] },
    });
    expect(b?.data).toMatchObject({ deleted: 1, byReason: { retention: 0, workspace_setting: 1 }, sessionIds: { workspace_setting: [made.get('b1 transcribed yesterday')!.sessionId] } });
    expect(rows.every((r) => r.actor_id === null)).toBe(true);
  });

  it('decides each file again right before deleting it: a hold set after the batch was read wins, a failed delete stays due', async () => {
    await t.http.put(`/api/workspaces/${users.d.workspaceId}`).set(as(users.d)).send({ settings: { recordings: { keep: false } } }).expect(200);
    const cases: Case[] = [
      { name: 'd1 held during the run', status: 'completed', transcription: null, ageDays: 2, expected: null },
      { name: 'd2 store fails once', status: 'completed', transcription: null, ageDays: 1, expected: 'workspace_setting' },
    ];
    await seed(users.d, cases);
    const [held, failing] = cases.map((c) => made.get(c.name)!);
    const repo = t.app.get(RetentionRepository, { strict: false });
    const blobs = t.app.get<BlobStore>(BLOB_STORE, { strict: false });
    const due = repo.due.bind(repo);
    const read = vi.spyOn(repo, 'due').mockImplementationOnce(async (...args) => {
      const batch = await due(...args);
      await db.query(`update "session" set "legal_hold" = '{"reason":"mid-run"}' where "id" = $1`, [held.sessionId]);
      return batch;
    });
    const remove = vi.spyOn(blobs, 'delete').mockRejectedValueOnce(new Error('store unavailable'));
    try {
      expect(await sweep.run(NOW)).toEqual({ deleted: 0, failed: 1, more: false });
      expect(remove).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
      remove.mockRestore();
    }
    const marks = async () =>
      (await db.query<{ session_id: string; deleted_reason: string | null }>(`select session_id, deleted_reason from recording where workspace_id = $1 order by created_at`, [users.d.workspaceId])).rows;
    expect(await marks()).toEqual([{ session_id: held.sessionId, deleted_reason: null }, { session_id: failing.sessionId, deleted_reason: null }]);
    expect([await store.exists(held.path), await store.exists(failing.path)]).toEqual([true, true]);

    // The next run deletes the file that failed, never the held one.
    expect(await sweep.run(NOW)).toEqual({ deleted: 1, failed: 0, more: false });
    expect(await marks()).toEqual([{ session_id: held.sessionId, deleted_reason: null }, { session_id: failing.sessionId, deleted_reason: 'workspace_setting' }]);
    expect([await store.exists(held.path), await store.exists(failing.path)]).toEqual([true, false]);
  });

  it('keeps a workspace\'s recordings once it goes back to keeping them, and runs as a registered job', async () => {
    // Workspace b keeps audio again: its remaining recording stays even when transcribed.
    await t.http.put(`/api/workspaces/${users.b.workspaceId}`).set(as(users.b)).send({ settings: { recordings: null } }).expect(200);
    await db.query(`update "session" set "transcription" = null where "id" = $1`, [made.get('b2 never transcribed')!.sessionId]);
    expect(await sweep.run(NOW)).toEqual({ deleted: 0, failed: 0, more: false });

    // The job itself, through the queue and the registry's handler, on the real clock: with every workspace keeping audio forever nothing is due, whatever today is.
    await t.http.put(`/api/workspaces/${users.a.workspaceId}`).set(as(users.a)).send({ settings: { recordings: { keep: true, retentionDays: null } } }).expect(200);
    const queue = t.app.get(PipelineQueues).queue('retention');
    const job = await queue.add('sweep-recordings', {});
    for (let i = 0; i < 100 && !(await job.isCompleted()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await job.isCompleted()).toBe(true);
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ deleted: 0, failed: 0, more: false });
  });
});
