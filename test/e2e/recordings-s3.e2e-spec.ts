import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingSweep } from '#src/retention/recording-sweep.js';
import { stopScheduledRecordingSweep } from '../support/recording-sweep.js';
import { startS3Server, type S3Server } from '../support/s3-server.js';
import { createSession, createStack, register, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';
import { call, chunks, connect, loadFixture, stream } from './transcription-client.js';

/*
 * With MINA_S3_BUCKET set, the app keeps recordings in the bucket, not on local disk: audio that
 * no speech recognizer could transcribe is kept there whole (issue 13 item 5), readiness reports
 * the store, and the retention sweep leaves untranscribed audio alone even where the workspace
 * keeps no audio.
 */

const SPOKEN_MS = 4_000;

describe('recordings in an S3-compatible bucket', () => {
  let s3: S3Server;
  let stack: Stack;
  let app: PipelineApp;
  let owner: Member;
  let db: pg.Client;

  beforeAll(async () => {
    s3 = await startS3Server();
    stack = await createStack();
    app = await stack.start({ env: s3.env });
    await stopScheduledRecordingSweep(app.app);
    owner = await register(app.http, 'Sam Storage');
    db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.close();
    await s3?.close();
    rmSync(`/tmp/mina-test-${stack?.redisPrefix}`, { recursive: true, force: true });
  });

  it('reports the bucket in readiness', async () => {
    const ready = await app.http.get('/health/ready').expect(200);
    expect(ready.body.info.storage).toEqual({ status: 'up', kind: 's3', reachable: true });
  });

  it('keeps untranscribed audio in the bucket, byte-exact, and nothing on local disk', async () => {
    const sessionId = await createSession(app.http, owner, 'Kept in S3');
    const socket = await connect(`http://127.0.0.1:${(app.app.getHttpServer() as { address(): AddressInfo }).address().port}`, { token: owner.token, workspaceId: owner.workspaceId });
    try {
      expect((await call(socket, 'session:join', { sessionId })).ok).toBe(true);
      const acks = await stream(socket, sessionId, chunks(loadFixture(), 500).slice(0, SPOKEN_MS / 500));
      expect(acks.every((ack) => ack.ok)).toBe(true);
      expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: false });
    } finally {
      socket.close();
    }
    await waitForStatus(app.http, owner, sessionId, 'completed');

    const { rows } = await db.query<{ path: string; size_bytes: string; sha256: string; duration_ms: number }>('select path, size_bytes, sha256, duration_ms from recording where session_id = $1', [sessionId]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.duration_ms).toBe(SPOKEN_MS);
    const object = join(s3.dir, s3.bucket, `${row.path}._S3rver_object`);
    const bytes = readFileSync(object);
    expect(bytes.length).toBe(Number(row.size_bytes));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
    // Read back through the store (FLAC with ffmpeg, WAV without): exactly the audio that was sent.
    const pcm: Buffer[] = [];
    for await (const piece of app.app.get<AudioStore>(AUDIO_STORE).readPcm(row.path, 64 * 1024)) pcm.push(Buffer.from(piece));
    expect(Buffer.concat(pcm).equals(loadFixture().pcm.subarray(0, (SPOKEN_MS / 1000) * 32_000))).toBe(true);
    expect(existsSync(join(app.config.recordingsDir, row.path))).toBe(false);

    // The workspace keeps no audio, yet this audio was never transcribed: the sweep leaves it.
    await app.http.put(`/api/workspaces/${owner.workspaceId}`).set(owner.auth).send({ settings: { recordings: { keep: false } } }).expect(200);
    const sweep = app.app.get(RecordingSweep, { strict: false });
    expect(await sweep.run(new Date('2040-01-01T00:00:00Z'))).toMatchObject({ deleted: 0 });
    expect(existsSync(object)).toBe(true);

    // Once its transcription is no longer pending (as after a transcription), the setting applies: deleted from the bucket.
    await db.query(`update "session" set "transcription" = null where "id" = $1`, [sessionId]);
    expect(await sweep.run(new Date('2040-01-01T00:00:00Z'))).toMatchObject({ deleted: 1, failed: 0 });
    expect(existsSync(object)).toBe(false);
    expect((await db.query('select deleted_reason from recording where session_id = $1', [sessionId])).rows[0]).toEqual({ deleted_reason: 'workspace_setting' });
  });
});
