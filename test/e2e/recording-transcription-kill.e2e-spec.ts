import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, register, waitFor, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';
import { queueTranscription, storeUpload } from './recording.harness.js';
import { ES2002A, loadFixture, words } from './transcription-client.js';

/*
 * Issue 13 item 3: a worker process killed (SIGKILL) mid-file: BullMQ's stalled-job check runs the
 * job again on another worker, which resumes from the last persisted window — no word lost or
 * doubled. And a recording the ASR never takes ends `error` with the reason, and can be retried.
 */

interface SessionBody {
  status: string;
  error?: { code: string; message: string };
}

const RECORDING_ENV = { MINA_FILE_ASR_CONCURRENCY: '2', MINA_FILE_ASR_ATTEMPTS: '2', MINA_RECORDING_ATTEMPTS: '2', MINA_RECORDING_BACKOFF_MS: '200' };

describe('a recording whose worker dies or whose ASR fails', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let api: PipelineApp;
  let owner: Member;
  let child: ChildProcess | undefined;
  const readyFile = join('/tmp', `mina-recording-child-${process.pid}-${Date.now()}.url`);
  const fixture = loadFixture();

  const segmentsOf = async (sessionId: string) =>
    (await api.http.get(`/api/sessions/${sessionId}/segments`).set(owner.auth).expect(200)).body as { id: string; seq: number; text: string }[];
  const transcriptions = () => fake.requests.filter((r) => r.route === 'transcriptions');

  beforeAll(async () => {
    stack = await createStack();
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    const env = { OPENAI_BASE_URL: fake.baseURL, ...RECORDING_ENV };
    // The api process queues the job; only worker processes run it.
    api = await stack.start({ role: 'api', env });
    owner = await register(api.http, 'Wanda Worker');
    child = spawn(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', 'child', '--pool', 'threads', 'test/e2e/recording-worker.e2e-child.ts'],
      {
        cwd: process.cwd(),
        stdio: 'ignore',
        env: {
          ...process.env,
          MINA_CHILD_READY_FILE: readyFile,
          MINA_CHILD_DATABASE_URL: stack.databaseUrl,
          MINA_CHILD_REDIS_PREFIX: stack.redisPrefix,
          MINA_CHILD_ENV: JSON.stringify({ ...env, MINA_ROLE: 'worker' }),
        },
      },
    );
    await waitFor('the child worker to start', () => existsSync(readyFile), 60_000);
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    rmSync(readyFile, { force: true });
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
  });

  it('a worker killed mid-file: another worker resumes from the last persisted window, every word once', async () => {
    fake.setLatency(700, 'transcriptions');
    const sessionId = await storeUpload(api, stack.databaseUrl!, owner, fixture.pcm);
    await queueTranscription(api.app, owner, sessionId);
    await waitFor('the child to persist a few windows', async () => (await segmentsOf(sessionId)).length >= 3, 30_000);
    child!.kill('SIGKILL');
    const killedAt = Date.now();
    const persisted = await segmentsOf(sessionId);

    fake.setLatency(100, 'transcriptions');
    await stack.start({ role: 'worker', env: { OPENAI_BASE_URL: fake.baseURL, ...RECORDING_ENV } });
    await waitForStatus(api.http, owner, sessionId, 'completed', 45_000);

    const segments = await segmentsOf(sessionId);
    expect(words(segments.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(new Set(segments.map((s) => s.seq)).size).toBe(segments.length);
    const ids = (list: { id: string; seq: number; text: string }[]) => list.map(({ id, seq, text }) => ({ id, seq, text }));
    expect(ids(segments.slice(0, persisted.length))).toEqual(ids(persisted));
    // Resumed, not restarted: the first window sent after the kill is prompted with the transcript persisted before it.
    const resumed = transcriptions().find((r) => r.at > killedAt);
    expect(resumed?.prompt).toBeTruthy();
    const lastWords = words(persisted.at(-1)!.text);
    expect(words(resumed!.prompt!).join(' ')).toContain(lastWords.slice(-3).join(' '));
  }, 60_000);

  it('after its last try the upload is `error` with the reason; POST /transcribe runs it again', async () => {
    fake.setLatency(0, 'transcriptions');
    fake.setFault({ kind: 'server-error', route: 'transcriptions' });
    const sessionId = await storeUpload(api, stack.databaseUrl!, owner, fixture.pcm, 'No ASR today');
    await queueTranscription(api.app, owner, sessionId);
    const failed = await waitFor('the session to be error', async () => {
      const body = (await api.http.get(`/api/sessions/${sessionId}`).set(owner.auth).expect(200)).body as SessionBody;
      return body.status === 'error' ? body : undefined;
    }, 30_000);
    expect(failed.error).toMatchObject({ code: 'TRANSCRIPTION_FAILED', message: expect.stringMatching(/could not be transcribed/) });

    fake.clearFaults('transcriptions');
    // The worker's breaker opened during the outage; it lets requests through again after its reset timeout.
    await sleep(5_500);
    const again = await api.http.post(`/api/sessions/${sessionId}/transcribe`).set(owner.auth).expect(202);
    expect(again.body).toMatchObject({ id: sessionId, status: 'queued' });
    await api.http.post(`/api/sessions/${sessionId}/transcribe`).set(owner.auth).expect(409);
    await waitForStatus(api.http, owner, sessionId, 'completed', 30_000);
    const segments = await segmentsOf(sessionId);
    expect(words(segments.map((s) => s.text).join(' '))).toEqual(fixture.words);
    const body = (await api.http.get(`/api/sessions/${sessionId}`).set(owner.auth).expect(200)).body as SessionBody;
    expect(body.error).toBeUndefined();
  }, 60_000);
});
