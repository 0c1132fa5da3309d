import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import type { TestApp } from '../support/test-app.js';
import { expectRevealedOnce, expectWholeTranscript, openStream, startFaultApp } from './faults.harness.js';
import { scriptLlm } from './pipeline.fake-llm.js';
import { TranscriptionEvents } from '#src/transcription/transcription-events.service.js';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import {
  call,
  chunks,
  collectSegments,
  ES2002A,
  finalSegments,
  loadFixture,
  register,
  uniqueFinals,
  until,
  userSocket,
  type ClientSocket,
  type User,
} from './transcription-client.js';

/** Counts `post_transcription_reveal` events for a session on a socket. */
function reveals(socket: ClientSocket, sessionId: string): () => number {
  let n = 0;
  socket.on('pipeline', (e) => {
    if (e.sessionId === sessionId && e.event === 'post_transcription_reveal') n++;
  });
  return () => n;
}

/** A viewer of the session on another process. */
async function watch(app: TestApp, user: User, sessionId: string) {
  const socket = await userSocket(app, user);
  const segments = collectSegments(socket);
  const count = reveals(socket, sessionId);
  expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
  return { socket, segments, reveals: count };
}

/**
 * Redis is SIGKILLed (AOF with fsync always, as production runs it) and started again on the
 * same port, once while a client streams and once while the pipeline runs a stage.
 */
describe('fault: Redis restarted', () => {
  let fake: FakeOpenAI;
  let redis: PrivateRedis;
  let app: TestApp;
  /** A second process on the same database and Redis: its sockets see events only through Redis pub/sub. */
  let other: TestApp;
  let owner: User;
  const fixture = loadFixture();
  const data = chunks(fixture, 400);

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    scriptLlm(fake, { assignee: 'Laura' });
    redis = await startPrivateRedis();
    app = await startFaultApp({ fake, redisUrl: redis.url });
    other = await startFaultApp({ fake, redisUrl: redis.url, databaseUrl: app.config.databaseUrl, redisPrefix: app.config.redisPrefix });
    owner = await register(app, 'Laura');
  });

  afterAll(async () => {
    await redis?.start().catch(() => undefined);
    await other?.app.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await redis?.stop();
    await fake?.close();
  });

  it('during streaming: every acked chunk is transcribed once, and the session is revealed', async () => {
    const s = await openStream(app, owner);
    const w = await watch(other, owner, s.sessionId);
    const third = Math.floor(data.length / 3);
    await s.send(data, 0, third);
    await until(async () => (await finalSegments(app, owner, s.sessionId)).length >= 2, 20_000, 'finals before the crash');

    await redis.kill();
    // The client keeps sending while Redis is down; nothing is acked that Redis did not store.
    const during = s.send(data, third, 2 * third, { window: 4 });
    // A broadcast while Redis is down (as a final or a status would be) is lost, never an unhandled rejection.
    app.app.get(TranscriptionEvents).status({ sessionId: s.sessionId, status: 'recording' });
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.start();
    await during;
    await s.send(data, 2 * third, data.length);
    expect(s.nacks).toBeGreaterThan(0);

    const end = await s.end();
    expect(end).toMatchObject({ ok: true, transcribed: true, status: 'processing' });
    await expectWholeTranscript(app, owner, s, fixture);
    await expectRevealedOnce(app, owner, s.sessionId);
    // Pub/sub works again on both processes: the last finals and the reveal reach the watcher on the other one.
    const persisted = await finalSegments(app, owner, s.sessionId);
    await until(() => uniqueFinals(w.segments).some((e) => e.seq === persisted.length - 1), 5_000, 'the last final on the other process');
    await until(() => w.reveals() === 1, 5_000, 'the reveal on the other process');
    s.socket.close();
    w.socket.close();
  });

  it('during a pipeline stage: the stage runs again, the session is revealed once, nothing duplicated', async () => {
    const s = await openStream(app, owner);
    const w = await watch(other, owner, s.sessionId);
    const mine = reveals(s.socket, s.sessionId);
    await s.send(data, 0, data.length);
    // The refinement answer takes long enough for Redis to die under the running job.
    fake.setFault({ kind: 'latency', route: 'chat', latencyMs: 2_000, times: 1 });
    const before = fake.requests.length;
    expect(await s.end()).toMatchObject({ ok: true, transcribed: true });
    await until(() => fake.requests.slice(before).some((r) => r.schemaName === 'transcript_refinement'), 20_000, 'the refinement request');
    // Down longer than the job lock (2 s): the running job's lock lapses with it.
    await redis.kill();
    await new Promise((r) => setTimeout(r, 2_500));
    await redis.start();

    await expectWholeTranscript(app, owner, s, fixture);
    await expectRevealedOnce(app, owner, s.sessionId);
    // BullMQ's own view: each job of the flow exists once and completed; nothing failed.
    const queue = new Queue('pipeline', { connection: { url: redis.url }, prefix: app.config.redisPrefix });
    try {
      const counts = await queue.getJobCounts('failed', 'active', 'waiting', 'delayed', 'waiting-children');
      expect(counts).toEqual({ failed: 0, active: 0, waiting: 0, delayed: 0, 'waiting-children': 0 });
      const done = (await queue.getJobs(['completed'])).filter((j) => (j.data as { sessionId?: string }).sessionId === s.sessionId);
      expect(done.map((j) => j.name).sort()).toEqual(['analytics', 'insights', 'refine', 'reveal', 'summary', 'tasks']);
      // Its lock lapsed while Redis was down: the refinement was taken up again (stalled), not lost.
      const refine = done.find((j) => j.name === 'refine')!;
      expect(refine.attemptsStarted + refine.stalledCounter).toBeGreaterThanOrEqual(2);
    } finally {
      await queue.close();
    }
    // The reveal reaches the sockets of both processes, once.
    await until(() => w.reveals() === 1 && mine() === 1, 5_000, 'the reveal on both processes');
    await new Promise((r) => setTimeout(r, 500));
    expect([w.reveals(), mine()]).toEqual([1, 1]);
    s.socket.close();
    w.socket.close();
  });
  it('at session:end: the end is refused while Redis is down, and the retry after the restart finalizes, transcribes and reveals', async () => {
    const s = await openStream(app, owner);
    await s.send(data, 0, data.length);
    await redis.kill();
    const refused = await call<EndAck>(s.socket, 'session:end', { sessionId: s.sessionId });
    expect(refused).toMatchObject({ ok: false });
    await redis.start();
    expect(await s.end()).toMatchObject({ ok: true, transcribed: true, status: 'processing' });
    await expectWholeTranscript(app, owner, s, fixture);
    await expectRevealedOnce(app, owner, s.sessionId);
    s.socket.close();
  });
});
