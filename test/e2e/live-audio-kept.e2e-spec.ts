import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_STORE, type AudioStore } from '#src/recordings/audio-store.js';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startTestApp, TEST_REDIS_URL, type TestApp } from '../support/test-app.js';
import { call, chunks, createSession, ES2002A, finalSegments, loadFixture, register, stream, until, userSocket, words, type User } from './transcription-client.js';

/*
 * Issue 13 item 5: a live session's audio is kept once transcribed. The processor archives the
 * 16 kHz audio it transcribes in parts; after finalize a `keep-live-audio` job assembles them into
 * the session's recording. Short parts here, so that a session has many and a takeover overlaps.
 */
const PART_ENV = { MINA_LIVE_AUDIO_PART_SECONDS: '5' };

async function sql<T>(app: TestApp, text: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const partRows = (app: TestApp, sessionId: string) => sql<{ start_sample: string }>(app, 'select start_sample from recording_part where session_id = $1', [sessionId]);

/** Waits for the keep job: the recording row there, the part rows gone. */
async function keptRecording(app: TestApp, sessionId: string) {
  let row: { path: string; format: string; duration_ms: number; sample_rate: number } | undefined;
  await until(
    async () => {
      [row] = await sql<NonNullable<typeof row>>(app, 'select path, format, duration_ms, sample_rate from recording where session_id = $1', [sessionId]);
      return row !== undefined && (await partRows(app, sessionId)).length === 0;
    },
    30_000,
    'the keep-live-audio job',
  );
  return row!;
}

async function storedPcm(app: TestApp, path: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of app.app.get<AudioStore>(AUDIO_STORE).readPcm(path, 64 * 1024)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** The session's Redis keys: after it is kept, no audio and no processing state; only the dedupe set and the end marker stay (until their TTL). */
async function spoolKeys(app: TestApp, sessionId: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return (await redis.keys(`${app.config.redisPrefix}:spool:{${sessionId}}:*`)).map((k) => k.split(':').at(-1)!).sort();
  } finally {
    redis.disconnect();
  }
}

function partFiles(app: TestApp, sessionId: string): string[] {
  const dir = join(app.config.recordingsDir, 'parts', sessionId);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * `killed`: a process killed between storing a part's file and listing it leaves that one file
 * behind, unlisted (rows are the truth; see LiveAudioArchiveService): at most one per kill.
 */
async function expectKeptExactly(app: TestApp, owner: User, sessionId: string, sent: Buffer, killed = 0): Promise<void> {
  const row = await keptRecording(app, sessionId);
  expect(row).toMatchObject({ sample_rate: 16_000, duration_ms: Math.round(sent.length / 32) });
  const pcm = await storedPcm(app, row.path);
  expect(pcm.length).toBe(sent.length);
  expect(pcm.equals(sent)).toBe(true);
  expect(partFiles(app, sessionId).length).toBeLessThanOrEqual(killed);
  expect(await spoolKeys(app, sessionId)).toEqual(['meta', 'seen']);
  const persisted = await finalSegments(app, owner, sessionId);
  expect(words(persisted.map((s) => s.text).join(' '))).toEqual(loadFixture().words);
  expect(new Set(persisted.map((s) => s.seq)).size).toBe(persisted.length);
}

describe('live audio kept once transcribed', () => {
  let fake: FakeOpenAI;
  let app: TestApp;
  let owner: User;
  const fixture = loadFixture();

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    app = await startTestApp({ env: { OPENAI_BASE_URL: fake.baseURL, MINA_ASR_MODEL: 'gpt-4o-transcribe', ...PART_ENV } });
    owner = await register(app, 'owner');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
  });

  it('is archived in parts while it streams, and kept whole, sample for sample, after finalize', async () => {
    const sessionId = await createSession(app, owner);
    const socket = await userSocket(app, owner);
    await call(socket, 'session:join', { sessionId });
    const acks = await stream(socket, sessionId, chunks(fixture, 250));
    expect(acks.every((a) => a.ok)).toBe(true);
    // Parts land while the session is still being transcribed, not at the end.
    await until(async () => (await partRows(app, sessionId)).length >= 3, 20_000, 'parts archived mid-session');
    const end = await call<EndAck>(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, status: 'processing', transcribed: true });
    socket.close();
    await expectKeptExactly(app, owner, sessionId, fixture.pcm);
  });

  it('is not kept when the workspace says so: no parts, no recording', async () => {
    const other = await register(app, 'private');
    await app.http.put(`/api/workspaces/${other.workspaceId}`).set({ Authorization: `Bearer ${other.token}`, 'X-Workspace-Id': other.workspaceId }).send({ settings: { retainAudio: false } }).expect(200);
    const sessionId = await createSession(app, other);
    const socket = await userSocket(app, other);
    await call(socket, 'session:join', { sessionId });
    expect((await stream(socket, sessionId, chunks(fixture, 500).slice(0, 30))).every((a) => a.ok)).toBe(true);
    expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
    socket.close();
    expect(await partRows(app, sessionId)).toEqual([]);
    expect(await sql(app, 'select 1 from recording where session_id = $1', [sessionId])).toEqual([]);
    expect(await spoolKeys(app, sessionId)).toEqual(['meta', 'seen']);
  });
});

describe('live audio kept across a kill -9 of the process transcribing it', () => {
  let fake: FakeOpenAI;
  let survivor: TestApp;
  let child: ChildProcess | undefined;
  const urlFile = join('/tmp', `mina-child-${process.pid}-${Date.now()}-kept.url`);
  const fixture = loadFixture();

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    survivor = await startTestApp({ env: { OPENAI_BASE_URL: fake.baseURL, MINA_ASR_MODEL: 'gpt-4o-transcribe', ...PART_ENV } });
    child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', 'child', '--pool', 'threads', 'test/e2e/transcription-child.e2e-child.ts'],
      {
        cwd: process.cwd(),
        stdio: 'ignore',
        env: {
          ...process.env,
          MINA_CHILD_URL_FILE: urlFile,
          MINA_CHILD_DATABASE_URL: survivor.config.databaseUrl,
          MINA_CHILD_REDIS_PREFIX: survivor.config.redisPrefix,
          MINA_CHILD_OPENAI_BASE_URL: fake.baseURL,
          MINA_CHILD_ENV: JSON.stringify(PART_ENV),
        },
      },
    );
    await until(() => existsSync(urlFile), 60_000, 'the child app to listen');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    rmSync(urlFile, { force: true });
    await survivor?.close();
    await fake?.close();
    if (survivor) rmSync(survivor.config.dataDir, { recursive: true, force: true });
  });

  it('a new owner archives again from its replay point: the recording is still the sent audio exactly, each word once', async () => {
    const owner = await register(survivor, 'owner');
    const sessionId = await createSession(survivor, owner);
    const data = chunks(fixture, 300);
    const victim = { ...survivor, url: readFileSync(urlFile, 'utf8') };
    const first = await userSocket(victim, owner, { clientId: 'mic-kept-kill' });
    await call(first, 'session:join', { sessionId });
    const cut = Math.floor(data.length * 0.6);
    expect((await stream(first, sessionId, data, { stopAfter: cut })).every((a) => a.ok)).toBe(true);
    // The victim owns the session and has archived some of it; then it dies mid-part.
    await until(async () => (await finalSegments(survivor, owner, sessionId)).length >= 3 && (await partRows(survivor, sessionId)).length >= 2, 20_000, 'the victim to persist finals and parts');
    child!.kill('SIGKILL');
    first.close();

    const again = await userSocket(survivor, owner, { clientId: 'mic-kept-kill' });
    expect(await call<JoinAck>(again, 'session:join', { sessionId, lastSeq: -1 })).toMatchObject({ ok: true, nextSeq: cut });
    await stream(again, sessionId, data, { fromSeq: cut - 5 });
    expect(await call<EndAck>(again, 'session:end', { sessionId })).toMatchObject({ ok: true, status: 'processing', transcribed: true });
    again.close();
    await expectKeptExactly(survivor, owner, sessionId, fixture.pcm, 1);
  });
});
