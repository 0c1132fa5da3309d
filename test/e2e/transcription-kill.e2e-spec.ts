import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import { call, chunks, createSession, ES2002A, finalSegments, loadFixture, register, stream, until, userSocket, words } from './transcription-client.js';

describe('kill -9 of the process holding a session', () => {
  let fake: FakeOpenAI;
  let survivor: TestApp;
  let child: ChildProcess | undefined;
  const urlFile = join('/tmp', `mina-child-${process.pid}-${Date.now()}.url`);
  const fixture = loadFixture();

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    survivor = await startTestApp({ env: { OPENAI_BASE_URL: fake.baseURL, MINA_ASR_MODEL: 'gpt-4o-transcribe' } });
    // The victim is a real second process (vitest with worker threads, so SIGKILL takes the app with it).
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
  });

  it('another process takes the lease over and the transcript is complete, each word once', async () => {
    const victimUrl = readFileSync(urlFile, 'utf8');
    const owner = await register(survivor, 'owner');
    const sessionId = await createSession(survivor, owner);
    const data = chunks(fixture, 300);

    const victim = { ...survivor, url: victimUrl };
    const first = await userSocket(victim, owner, { clientId: 'mic-client-kill-1' });
    await call(first, 'session:join', { sessionId });
    const cut = Math.floor(data.length * 0.6);
    const acked = await stream(first, sessionId, data, { stopAfter: cut });
    expect(acked.every((a) => a.ok)).toBe(true);
    // Let the victim transcribe (and own) part of it, then kill it mid-stream.
    await until(async () => (await finalSegments(survivor, owner, sessionId)).length >= 3, 20_000, 'the victim to persist finals');
    child!.kill('SIGKILL');
    first.close();

    const again = await userSocket(survivor, owner, { clientId: 'mic-client-kill-1' });
    const join = await call<JoinAck>(again, 'session:join', { sessionId, lastSeq: -1 });
    expect(join).toMatchObject({ ok: true, nextSeq: cut });
    // A client that is unsure what was stored resends a little: acked as duplicates, not transcribed twice.
    const resent = await stream(again, sessionId, data, { fromSeq: cut - 5 });
    expect(resent.slice(0, 5).every((a) => a.ok && a.duplicate)).toBe(true);
    const end = await call<EndAck>(again, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, status: 'processing', transcribed: true });

    const persisted = await finalSegments(survivor, owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(new Set(persisted.map((s) => s.seq)).size).toBe(persisted.length);
    again.close();
  });
});
