import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, listenToRooms, register, waitFor, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';
import { queueTranscription, sessionRow, storeUpload } from './recording.harness.js';
import { ES2002A, loadFixture, words } from './transcription-client.js';

/*
 * Issue 13 item 3: a stored recording (an upload) is transcribed by a queued job on a worker,
 * through the live path, with its windows at the ASR concurrently and committed in order:
 * the transcript is the fixture's ground truth, each word once; status and progress reach the
 * session room and the REST view; an ASR outage mid-file costs retries, not words.
 */

interface StatusEvent {
  sessionId: string;
  status: string;
  progress?: number;
  queuePosition?: number;
}

interface SessionBody {
  status: string;
  source: string;
  progress?: number;
  queuePosition?: number;
  error?: { code: string; message: string };
}

const CONCURRENCY = 4;

describe('recordings transcribed by queued jobs', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let a: PipelineApp;
  let owner: Member;
  const fixture = loadFixture();

  const segmentsOf = async (sessionId: string) =>
    (await a.http.get(`/api/sessions/${sessionId}/segments`).set(owner.auth).expect(200)).body as { seq: number; text: string; startMs: number }[];
  const view = async (sessionId: string) => (await a.http.get(`/api/sessions/${sessionId}`).set(owner.auth).expect(200)).body as SessionBody;

  beforeAll(async () => {
    stack = await createStack();
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    a = await stack.start({
      env: {
        OPENAI_BASE_URL: fake.baseURL,
        MINA_RECORDING_WORKERS: '1',
        MINA_FILE_ASR_CONCURRENCY: String(CONCURRENCY),
        MINA_FILE_ASR_ATTEMPTS: '2',
        MINA_RECORDING_ATTEMPTS: '6',
        MINA_RECORDING_BACKOFF_MS: '400',
      },
    });
    owner = await register(a.http, 'Ursula Uploader');
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
  });

  it('goes queued → transcribing → processing → completed, windows concurrent, every word once', async () => {
    // A slow ASR keeps the first recording on the one worker while the second waits its turn.
    fake.setLatency(250, 'transcriptions');
    fake.resetConcurrency();
    const first = await storeUpload(a, stack.databaseUrl!, owner, fixture.pcm, 'First');
    const second = await storeUpload(a, stack.databaseUrl!, owner, fixture.pcm, 'Second');
    const rooms = await listenToRooms(stack.redisPrefix, { sessionIds: [first, second] });
    try {
      await queueTranscription(a.app, owner, first);
      await queueTranscription(a.app, owner, second);
      // Queued again while it waits: the same job (its id derives from the session).
      await queueTranscription(a.app, owner, second);

      const running = await waitFor('the first recording to be transcribing with progress', async () => {
        const v = await view(first);
        return v.status === 'transcribing' && typeof v.progress === 'number' ? v : undefined;
      });
      expect(running.progress).toBeGreaterThanOrEqual(0);
      expect(running.progress).toBeLessThanOrEqual(1);
      expect(await view(second)).toMatchObject({ status: 'queued', source: 'upload', queuePosition: 1 });

      await waitForStatus(a.http, owner, first, 'completed', 30_000);
      await waitForStatus(a.http, owner, second, 'completed', 30_000);

      for (const sessionId of [first, second]) {
        const segments = await segmentsOf(sessionId);
        expect(words(segments.map((s) => s.text).join(' '))).toEqual(fixture.words);
        expect(new Set(segments.map((s) => s.seq)).size).toBe(segments.length);
        const times = segments.map((s) => s.startMs);
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }
      const concurrency = fake.concurrency('transcriptions');
      expect(concurrency.max).toBeGreaterThan(1);
      expect(concurrency.max).toBeLessThanOrEqual(CONCURRENCY);

      const statuses = rooms.statuses as StatusEvent[];
      const orderOf = (sessionId: string) => statuses.filter((e) => e.sessionId === sessionId).map((e) => e.status).filter((s, i, all) => s !== all[i - 1]);
      // The second waited for the worker; the first may have been taken before it was announced as queued.
      expect(orderOf(second)).toEqual(['queued', 'transcribing', 'processing', 'completed']);
      expect(orderOf(first).filter((s) => s !== 'queued')).toEqual(['transcribing', 'processing', 'completed']);
      const events = statuses.filter((e) => e.sessionId === first);
      const progress = events.filter((e) => e.status === 'transcribing').map((e) => e.progress);
      expect(progress.every((p) => typeof p === 'number')).toBe(true);
      expect(progress).toEqual([...progress].sort((x, y) => x! - y!));
      expect(progress.at(-1)).toBe(1);
      expect(progress.length).toBeGreaterThan(2);
      const waited = statuses.filter((e) => e.sessionId === second && e.status === 'queued');
      expect(waited.at(-1)).toMatchObject({ queuePosition: 1 });
      // Done: no progress or queue position in the view any more.
      const done = await view(first);
      expect(done.progress).toBeUndefined();
      expect(done.queuePosition).toBeUndefined();
    } finally {
      fake.setLatency(0, 'transcriptions');
      await rooms.close();
    }
  });

  it('waits out an ASR outage mid-file with retries from the checkpoint, without a word lost or doubled', async () => {
    fake.setLatency(100, 'transcriptions');
    const sessionId = await storeUpload(a, stack.databaseUrl!, owner, fixture.pcm, 'Outage');
    await queueTranscription(a.app, owner, sessionId);
    await waitFor('a few windows to be persisted', async () => (await segmentsOf(sessionId)).length >= 3, 20_000);
    const before = fake.requests.length;
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: 2_500 });
    await waitFor('the job to fail a try', async () => (await sessionRow(stack.databaseUrl!, sessionId)).status === 'transcribing' && fake.requests.slice(before).some((r) => r.status === 500));
    await waitForStatus(a.http, owner, sessionId, 'completed', 40_000);
    fake.setLatency(0, 'transcriptions');

    const segments = await segmentsOf(sessionId);
    expect(words(segments.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(new Set(segments.map((s) => s.seq)).size).toBe(segments.length);
    const job = await a.app.get(PipelineQueues).queue('recordings').getJob(`transcribe-recording-${sessionId}`);
    // The processor gave up during the outage and BullMQ ran the job again (a failed try, then the one that completed).
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
