import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectKeptExactly, PART_ENV, partRows } from './live-audio.harness.js';
import { call, chunks, createSession, ES2002A, finalSegments, loadFixture, register, stream, until, userSocket } from './transcription-client.js';

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
    // A second vitest process booting the app: slow on a loaded machine.
    await until(() => existsSync(urlFile), 100_000, 'the child app to listen');
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
