import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import {
  call,
  chunks,
  collectSegments,
  createSession,
  ES2002A,
  finalSegments,
  loadFixture,
  register,
  stream,
  uniqueFinals,
  until,
  userSocket,
  words,
  type User,
} from './transcription-client.js';

describe('transcription across processes: shared rooms, reconnect, breaker', () => {
  let fake: FakeOpenAI;
  let a: TestApp;
  let b: TestApp;
  let owner: User;
  const fixture = loadFixture();
  const data = chunks(fixture, 400);

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    const env = { OPENAI_BASE_URL: fake.baseURL, MINA_ASR_MODEL: 'whisper-1' };
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.config.databaseUrl, redisPrefix: a.config.redisPrefix });
    owner = await register(a, 'owner');
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await fake?.close();
  });

  // First, while the breakers' rolling windows hold no successes yet.
  it('keeps audio while the ASR fails (breaker open) and transcribes it after recovery', async () => {
    const sessionId = await createSession(a, owner);
    const socket = await userSocket(a, owner);
    await call(socket, 'session:join', { sessionId });
    fake.setFault({ kind: 'server-error', route: 'transcriptions', forMs: 5_000 });
    const before = fake.requests.length;
    const acks = await stream(socket, sessionId, data);
    expect(acks.every((x) => x.ok)).toBe(true);
    const breakers = [a, b].map((app) => app.app.get(CircuitBreakers));
    await until(() => breakers.some((br) => br.states().some((s) => s.name === 'asr' && s.state === 'open')), 10_000, 'the ASR breaker to open');
    expect(await finalSegments(a, owner, sessionId)).toEqual([]);

    const end = await call<EndAck>(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, transcribed: true });
    const failed = fake.requests.slice(before).filter((r) => r.route === 'transcriptions' && r.status === 500);
    expect(failed.length).toBeGreaterThan(0);
    const persisted = await finalSegments(a, owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    socket.close();
  });

  it('a watcher on another process sees the live transcript; a reconnect to that process loses and repeats nothing', async () => {
    const sessionId = await createSession(a, owner);
    const watcher = await userSocket(b, owner);
    const watched = collectSegments(watcher);
    expect(await call<JoinAck>(watcher, 'session:join', { sessionId })).toMatchObject({ ok: true, canStream: true });

    const first = await userSocket(a, owner, { clientId: 'mic-client-0001' });
    const seenFirst = collectSegments(first);
    await call(first, 'session:join', { sessionId });
    const half = Math.floor(data.length / 2);
    await stream(first, sessionId, data, { stopAfter: half });
    await until(() => uniqueFinals(seenFirst).length >= 2, 20_000, 'finals before the drop');
    first.disconnect();

    const lastSeq = uniqueFinals(seenFirst).at(-1)!.seq!;
    const again = await userSocket(b, owner, { clientId: 'mic-client-0001' });
    const seenAgain = collectSegments(again);
    const join = await call<JoinAck>(again, 'session:join', { sessionId, lastSeq });
    expect(join).toMatchObject({ ok: true, status: 'recording', nextSeq: half });
    if (!join.ok) return;
    await stream(again, sessionId, data, { fromSeq: join.nextSeq });
    const end = await call<EndAck>(again, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, transcribed: true });

    const persisted = await finalSegments(a, owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    // The client's view: what it saw before the drop plus the replay and live finals after it.
    const client = uniqueFinals([...seenFirst, ...seenAgain]);
    expect(client.map((s) => s.seq)).toEqual(persisted.map((s) => s.seq));
    expect(seenAgain.filter((s) => s.kind === 'final' && s.seq! <= lastSeq)).toEqual([]);
    await until(() => uniqueFinals(watched).length === persisted.length, 5_000, 'the watcher to see every final');
    expect(uniqueFinals(watched).map((s) => s.text)).toEqual(persisted.map((s) => s.text));
    watcher.close();
    again.close();
  });
});
