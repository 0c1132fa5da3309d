import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndAck } from '#src/transcription/transcription.events.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectKeptExactly, PART_ENV, partRows, spoolKeys, sql } from './live-audio.harness.js';
import { call, chunks, createSession, ES2002A, loadFixture, register, stream, until, userSocket, type User } from './transcription-client.js';

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
    await app.http.put(`/api/workspaces/${other.workspaceId}`).set({ Authorization: `Bearer ${other.token}`, 'X-Workspace-Id': other.workspaceId }).send({ settings: { recordings: { keep: false } } }).expect(200);
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

