import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegCodec } from '#src/recordings/codec/ffmpeg-codec.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { TEST_REDIS_URL } from '../support/test-app.js';
import { createStack, createSession, register, waitFor, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';
import { call, chunks, connect, ES2002A, loadFixture, stream, words } from './transcription-client.js';

/*
 * Issue 12 item 2: with no speech recognizer configured, a session whose audio was sent must not
 * be finalized as if it were silent. Its audio is kept in the recording store (not in Redis),
 * every surface says it was not transcribed, the pipeline skips its stages; once a recognizer is
 * configured, POST /transcribe runs the kept audio through the live path and the normal pipeline.
 */

interface SessionBody {
  id: string;
  status: string;
  transcription?: { state: string; reason: string; untranscribedAudioMs: number };
}

const SPOKEN_MS = 44_000;
const CHUNK_MS = 500;

const urlOf = (a: PipelineApp) => `http://127.0.0.1:${(a.app.getHttpServer() as { address(): AddressInfo }).address().port}`;

/** Streams the first `ms` of the ES2002A meeting into a new session and ends it over the socket. */
async function recordAndEnd(a: PipelineApp, owner: Member, ms: number): Promise<{ sessionId: string; end: Record<string, unknown> }> {
  const sessionId = await createSession(a.http, owner, 'Kick-off without ASR');
  const socket = await connect(urlOf(a), { token: owner.token, workspaceId: owner.workspaceId });
  try {
    expect((await call(socket, 'session:join', { sessionId })).ok).toBe(true);
    const pieces = chunks(loadFixture(), CHUNK_MS).slice(0, ms / CHUNK_MS);
    const acks = await stream(socket, sessionId, pieces);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const end = await call<Record<string, unknown>>(socket, 'session:end', { sessionId });
    expect(end.ok).toBe(true);
    return { sessionId, end: end as unknown as Record<string, unknown> };
  } finally {
    socket.close();
  }
}

async function spoolKeys(prefix: string, sessionId: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return await redis.keys(`${prefix}:spool:{${sessionId}}:*`);
  } finally {
    redis.disconnect();
  }
}

async function recordingRow(databaseUrl: string, sessionId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ path: string; format: string; duration_ms: number; size_bytes: string; sha256: string; sample_rate: number }>(
      'select path, format, duration_ms, size_bytes, sha256, sample_rate from recording where session_id = $1',
      [sessionId],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('audio no speech recognizer transcribed', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let owner: Member;
  let viewer: Member;
  let sessionId: string;
  let lostId: string;
  let silentAsrLessId: string;
  let resumedId: string;
  let b: PipelineApp;
  let dataDir: string;

  beforeAll(async () => {
    stack = await createStack();
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    dataDir = `/tmp/mina-test-${stack.redisPrefix}`;
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is kept on disk, said so everywhere, and no insights are made of it', async () => {
    const a = await stack.start();
    owner = await register(a.http, 'Olga Owner');
    viewer = await register(a.http, 'Victor Viewer');
    const email = (await a.http.get('/api/me').set({ Authorization: `Bearer ${viewer.token}` }).expect(200)).body as { email: string };
    const invited = await a.http.post(`/api/workspaces/${owner.workspaceId}/members`).set(owner.auth).send({ email: email.email, role: 'viewer' }).expect(201);
    await a.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set({ Authorization: `Bearer ${viewer.token}` }).expect(200);
    viewer = { ...viewer, workspaceId: owner.workspaceId, auth: { ...viewer.auth, 'X-Workspace-Id': owner.workspaceId } };

    const recorded = await recordAndEnd(a, owner, SPOKEN_MS);
    sessionId = recorded.sessionId;
    expect(recorded.end).toMatchObject({ transcribed: false });

    const session = (await a.http.get(`/api/sessions/${sessionId}`).set(owner.auth).expect(200)).body as SessionBody;
    expect(session.transcription).toEqual({ state: 'not_transcribed', reason: 'NO_ASR', untranscribedAudioMs: SPOKEN_MS });

    const insights = await waitForStatus(a.http, owner, sessionId, 'completed');
    for (const stage of Object.values(insights.stages)) expect(stage).toMatchObject({ status: 'skipped', reason: 'NO_ASR' });
    expect(insights).toMatchObject({ transcript: [], summary: null, analytics: null, tasks: [] });
    expect((insights as unknown as SessionBody).transcription).toMatchObject({ state: 'not_transcribed', reason: 'NO_ASR' });

    const list = (await a.http.get('/api/sessions').set(owner.auth).expect(200)).body as SessionBody[];
    expect(list.find((s) => s.id === sessionId)?.transcription).toMatchObject({ state: 'not_transcribed', untranscribedAudioMs: SPOKEN_MS });

    // The audio is in the recording store, whole, and the spool let go of it.
    const row = await recordingRow(stack.databaseUrl!, sessionId);
    // ffmpeg is installed here (and in CI), so recordings are kept as FLAC.
    expect(row).toMatchObject({ format: 'flac', duration_ms: SPOKEN_MS, sample_rate: 16_000 });
    const file = join(dataDir, 'recordings', row.path);
    const bytes = readFileSync(file);
    expect(Number(row.size_bytes)).toBe(bytes.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
    const pcm = loadFixture().pcm.subarray(0, (SPOKEN_MS / 1000) * 32_000);
    const decoded: Buffer[] = [];
    for await (const piece of new FfmpegCodec().decode(createReadStream(file) as AsyncIterable<Buffer>, 'flac')) decoded.push(piece);
    expect(Buffer.concat(decoded).equals(pcm)).toBe(true);
    const keys = await spoolKeys(stack.redisPrefix, sessionId);
    expect(keys.some((k) => k.endsWith(':audio'))).toBe(false);

    // Still no recognizer: refused, with the reason.
    const refused = await a.http.post(`/api/sessions/${sessionId}/transcribe`).set(owner.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'ASR_NOT_CONFIGURED' });

    // A second session whose kept audio is lost before it is transcribed.
    lostId = (await recordAndEnd(a, owner, 2_000)).sessionId;
    await waitForStatus(a.http, owner, lostId, 'completed');
    rmSync(join(dataDir, 'recordings', (await recordingRow(stack.databaseUrl!, lostId)).path));

    // A session with no audio at all is finalized as before: nothing was kept, nothing to transcribe.
    silentAsrLessId = await createSession(a.http, owner, 'Nothing sent');
    await a.http.post(`/api/sessions/${silentAsrLessId}/finalize`).set(owner.auth).expect(202);
    const silent = (await a.http.get(`/api/sessions/${silentAsrLessId}`).set(owner.auth).expect(200)).body as SessionBody;
    expect(silent.transcription).toBeUndefined();

    resumedId = (await recordAndEnd(a, owner, 10_000)).sessionId;
    await waitForStatus(a.http, owner, resumedId, 'completed');
    await a.close();
  });

  it('is transcribed through the live path once a recognizer is configured, then gets the normal pipeline', async () => {
    expect(sessionId).toBeDefined();
    b = await stack.start({ env: { OPENAI_BASE_URL: fake.baseURL } });

    await b.http.post(`/api/sessions/${sessionId}/transcribe`).set(viewer.auth).expect(403);
    expect((await b.http.post(`/api/sessions/${lostId}/transcribe`).set(owner.auth).expect(409)).body).toMatchObject({ code: 'NO_KEPT_AUDIO' });
    expect((await b.http.post(`/api/sessions/${silentAsrLessId}/transcribe`).set(owner.auth).expect(409)).body).toMatchObject({ code: 'NOT_UNTRANSCRIBED' });

    const accepted = await b.http.post(`/api/sessions/${sessionId}/transcribe`).set(owner.auth).expect(202);
    expect(accepted.body).toMatchObject({ id: sessionId, status: 'transcribing' });
    expect((await b.http.post(`/api/sessions/${sessionId}/transcribe`).set(owner.auth).expect(409)).body).toMatchObject({ code: 'NOT_UNTRANSCRIBED' });

    const insights = await waitFor(
      'the transcribed session to be revealed',
      async () => {
        const body = (await b.http.get(`/api/sessions/${sessionId}/insights`).set(owner.auth)).body as Awaited<ReturnType<typeof waitForStatus>> & SessionBody;
        return body.status === 'completed' && !body.transcription ? body : undefined;
      },
      90_000,
    );
    for (const stage of Object.values(insights.stages)) expect(stage.status).toBe('ready');
    expect(insights.transcript.length).toBeGreaterThan(3);
    expect(insights.summary?.overview).toBeTruthy();
    expect(insights.summary?.overview).not.toMatch(/Nothing was said/);
    expect(insights.analytics).not.toBeNull();

    // What was said in the first 44 s, as the live path would have heard it.
    const heard = new Set(words(insights.transcript.map((s) => s.text).join(' ')));
    const spoken = loadFixture().words.slice(0, 40);
    expect(spoken.filter((w) => heard.has(w)).length).toBeGreaterThan(spoken.length * 0.6);
    expect(insights.transcript.at(-1)!.endMs).toBeLessThanOrEqual(SPOKEN_MS + 1_000);

    const session = (await b.http.get(`/api/sessions/${sessionId}`).set(owner.auth).expect(200)).body as SessionBody;
    expect(session.transcription).toBeUndefined();
    // The recording stays where recordings live; the spool holds no audio of it.
    expect(existsSync(join(dataDir, 'recordings', (await recordingRow(stack.databaseUrl!, sessionId)).path))).toBe(true);
    expect((await spoolKeys(stack.redisPrefix, sessionId)).some((k) => k.endsWith(':audio'))).toBe(false);
  }, 120_000);

  it('is picked up again by the next start when its process stops while transcribing it', async () => {
    expect(resumedId).toBeDefined();
    fake.setLatency(2_000, 'transcriptions');
    await b.http.post(`/api/sessions/${resumedId}/transcribe`).set(owner.auth).expect(202);
    // Only the transcription of the kept audio finalizes it: an early finalize would cut it short.
    expect((await b.http.post(`/api/sessions/${resumedId}/finalize`).set(owner.auth).expect(409)).body).toMatchObject({ code: 'INVALID_TRANSITION' });
    await new Promise((r) => setTimeout(r, 300));
    await b.close();
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ status: string }>('select status from session where id = $1', [resumedId]);
    await client.end();
    expect(rows[0].status).toBe('transcribing');

    fake.setLatency(0, 'transcriptions');
    const c = await stack.start({ env: { OPENAI_BASE_URL: fake.baseURL } });
    const insights = await waitFor(
      'the resumed session to be revealed',
      async () => {
        const body = (await c.http.get(`/api/sessions/${resumedId}/insights`).set(owner.auth)).body as Awaited<ReturnType<typeof waitForStatus>> & SessionBody;
        return body.status === 'completed' && !body.transcription ? body : undefined;
      },
      60_000,
    );
    expect(insights.transcript.length).toBeGreaterThan(0);
    // Windows are not transcribed twice: segments do not repeat.
    const texts = insights.transcript.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  }, 90_000);
});
