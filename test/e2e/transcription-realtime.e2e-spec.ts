import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { RealtimeAsrStream } from '#src/transcription/asr/realtime-asr-stream.js';
import { decodePcm16 } from '#src/transcription/audio/pcm.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import type { EndAck, JoinAck, SegmentEvent, SessionStatusEvent } from '#src/transcription/transcription.events.js';
import {
  call,
  chunks,
  collectSegments,
  createSession,
  finalSegments,
  loadFixture,
  stream,
  uniqueFinals,
  until,
  userSocket,
  words,
} from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';

/**
 * MINA_ASR_MODE=realtime against the fake OpenAI's realtime transcription websocket, through the
 * SDK's OpenAIRealtimeWS: windows become commits, deltas interims, `completed` the finals; a
 * realtime failure sends the rest of the session to /v1/audio/transcriptions.
 */
describe('transcription gateway: MINA_ASR_MODE=realtime', () => {
  const gw = useGatewayApp({
    env: (fake) => {
      // The fake serves wss with a self-signed certificate; in production NODE_EXTRA_CA_CERTS does this.
      setDefaultCACertificates([...getCACertificates('default'), fake.tlsCA]);
      return { MINA_ASR_MODE: 'realtime' };
    },
  });
  const fixture = loadFixture();
  const data = chunks(fixture, 250);
  afterEach(() => gw.fake.clearFaults());

  async function session() {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    const live = collectSegments(socket);
    const statuses: SessionStatusEvent[] = [];
    socket.on('session:status', (e) => statuses.push(e));
    const join = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(join).toMatchObject({ ok: true, asr: { configured: true, mode: 'realtime', model: 'gpt-4o-transcribe' } });
    return { sessionId, socket, live, statuses };
  }

  async function expectWholeTranscript(sessionId: string, live: SegmentEvent[]) {
    const persisted = await finalSegments(gw.app, gw.owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(persisted.map((s) => s.seq)).toEqual([...persisted.keys()]);
    expect(uniqueFinals(live).map((f) => f.text)).toEqual(persisted.map((s) => s.text));
  }

  /** A whole session streamed and ended, its transcript checked; what the fake received meanwhile. */
  async function streamedSession() {
    const before = gw.fake.requests.length;
    const { sessionId, socket, live } = await session();
    await stream(socket, sessionId, data);
    expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
    await expectWholeTranscript(sessionId, live);
    socket.close();
    return { sessionId, after: gw.fake.requests.slice(before) };
  }

  const asrStats = async (sessionId: string): Promise<string> => {
    const res = await gw.app.http.get(`/api/sessions/${sessionId}`).set('Authorization', `Bearer ${gw.owner.token}`).set('X-Workspace-Id', gw.owner.workspaceId).expect(200);
    return String((res.body as { stats: { asr?: string } }).stats.asr);
  };

  it('streams es2002a over one realtime connection: word deltas as interims, finals exactly the ground truth', async () => {
    // Deltas 30 ms apart, so each window's interims are visibly ahead of its final.
    gw.fake.setFault({ kind: 'slow-deltas', route: 'realtime', latencyMs: 30 });
    const before = gw.fake.requests.length;
    const { sessionId, socket, live } = await session();
    expect((await stream(socket, sessionId, data)).every((a) => a.ok)).toBe(true);
    expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
    await expectWholeTranscript(sessionId, live);

    const requests = gw.fake.requests.slice(before);
    expect(requests.filter((r) => r.route === 'transcriptions')).toEqual([]);
    const upgrades = requests.filter((r) => r.route === 'realtime' && r.method === 'GET');
    const commits = requests.filter((r) => r.event === 'input_audio_buffer.commit');
    expect(upgrades).toHaveLength(1);
    expect(commits.length).toBeGreaterThan(5);
    expect(commits.every((c) => c.model === 'gpt-4o-transcribe')).toBe(true);

    // Word-level interims: a window's interims come before its final and end with exactly its text;
    // they grow word by word (except where the overlap with the previous window is reconciled away).
    const interims = live.filter((e) => e.kind === 'interim' && !e.retracted);
    expect(interims.length).toBeGreaterThan(commits.length);
    const byWindow = new Map<string, SegmentEvent[]>();
    for (const e of interims) byWindow.set(e.windowId, [...(byWindow.get(e.windowId) ?? []), e]);
    const finals = uniqueFinals(live);
    for (const [windowId, list] of byWindow) {
      const final = finals.filter((f) => f.windowId === windowId);
      expect(final.map((f) => f.text).join(' ')).toBe(list.at(-1)!.text);
      expect(live.indexOf(final[0])).toBeGreaterThan(live.indexOf(list.at(-1)!));
    }
    const growing = [...byWindow.values()].filter((list) => list.length > 2 && list.every((e, i) => i === 0 || e.text.startsWith(`${list[i - 1].text} `)));
    expect(growing.length).toBeGreaterThan(3);
    expect(await asrStats(sessionId)).toBe('gpt-4o-transcribe (realtime)');
    socket.close();
  });

  it('a connection that dies mid-transcript: the session falls back to windowed, no word lost or doubled', async () => {
    const { sessionId, socket, live, statuses } = await session();
    const third = Math.floor(data.length / 3);
    await stream(socket, sessionId, data, { stopAfter: third });
    await until(async () => (await finalSegments(gw.app, gw.owner, sessionId)).length >= 2, 20_000, 'realtime finals');
    const before = gw.fake.requests.length;
    gw.fake.setFault({ kind: 'truncate', route: 'realtime', times: 1 });
    await stream(socket, sessionId, data, { fromSeq: third });
    expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
    await expectWholeTranscript(sessionId, live);

    const after = gw.fake.requests.slice(before);
    expect(after.some((r) => r.event === 'input_audio_buffer.commit' && r.fault === 'truncate')).toBe(true);
    expect(after.filter((r) => r.route === 'transcriptions').length).toBeGreaterThan(0);
    // Once fallen back, the session stays windowed: no new realtime connection.
    expect(after.filter((r) => r.route === 'realtime' && r.method === 'GET')).toEqual([]);
    await until(() => statuses.some((s) => s.asr?.mode === 'windowed'), 5_000, 'the fallback notice');
    expect(statuses.find((s) => s.asr?.mode === 'windowed')?.asr?.message).toMatch(/realtime/i);
    expect(await asrStats(sessionId)).toMatch(/^gpt-4o-transcribe \(windowed; realtime failed: .*closed/);
    // A client joining later is told so too.
    expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true, asr: { mode: 'windowed', message: expect.stringMatching(/closed/) } });
    socket.close();
  });

  it('a commit the server never answers: the session falls back to windowed after the commit timeout, no word lost or doubled', async () => {
    const options = gw.app.app.get<TranscriptionOptions>(TRANSCRIPTION_OPTIONS);
    const saved = options.realtimeCommitTimeoutMs;
    options.realtimeCommitTimeoutMs = 1_500;
    try {
      gw.fake.setFault({ kind: 'hang', route: 'realtime', times: 1 });
      const before = gw.fake.requests.length;
      const { sessionId, socket, live, statuses } = await session();
      await stream(socket, sessionId, data);
      expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
      await expectWholeTranscript(sessionId, live);
      const after = gw.fake.requests.slice(before);
      expect(after.filter((r) => r.fault === 'hang')).toHaveLength(1);
      expect(after.filter((r) => r.route === 'transcriptions').length).toBeGreaterThan(5);
      await until(() => statuses.some((s) => s.asr?.mode === 'windowed'), 5_000, 'the fallback notice');
      expect(await asrStats(sessionId)).toMatch(/windowed; realtime failed: .*timed out/);
      socket.close();
    } finally {
      options.realtimeCommitTimeoutMs = saved;
    }
  });

  it('a commit the server never answers is abandoned at the breaker timeout, and its connection is done', async () => {
    gw.fake.setFault({ kind: 'hang', route: 'realtime', times: 1 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: gw.fake.baseURL, maxRetries: 0 });
    const rt = new RealtimeAsrStream({ client, model: 'gpt-4o-transcribe', connectTimeoutMs: 5_000 });
    rt.append(decodePcm16(fixture.pcm.subarray(13_500 * 32, 18_600 * 32)));
    const deltas: string[] = [];
    await expect(rt.commit((t) => deltas.push(t), AbortSignal.timeout(500))).rejects.toThrow(/abandoned/);
    expect(rt.failed).toBe(true);
    expect(deltas).toEqual([]);
    expect(gw.fake.requests.at(-1)).toMatchObject({ event: 'input_audio_buffer.commit', fault: 'hang', audioMs: 5_100 });
  });

  // (Windowed requests carry it too: test/e2e/templates.e2e-spec.ts. No realtime failure here: the breaker counts them.)
  it('the workspace vocabulary is the realtime session\'s transcription prompt', async () => {
    const put = (vocabulary: string[] | null) =>
      gw.app.http.put(`/api/workspaces/${gw.owner.workspaceId}`).set('Authorization', `Bearer ${gw.owner.token}`).set('X-Workspace-Id', gw.owner.workspaceId).send({ settings: { vocabulary } }).expect(200);
    await put(['Mina', 'Acme Cloud']);
    try {
      const { after } = await streamedSession();
      const commits = after.filter((r) => r.event === 'input_audio_buffer.commit');
      expect(commits.length).toBeGreaterThan(0);
      expect(commits.every((c) => c.prompt === 'Glossary: Mina, Acme Cloud.')).toBe(true);
    } finally {
      await put(null);
    }
  });

  it('a refused upgrade or an error event: windowed from that window on, transcript exact', async () => {
    for (const fault of [{ kind: 'rate-limit' as const }, { kind: 'error-event' as const }]) {
      gw.fake.setFault({ ...fault, route: 'realtime', times: 1 });
      const { sessionId, after } = await streamedSession();
      expect(after.filter((r) => r.fault === fault.kind)).toHaveLength(1);
      expect(after.filter((r) => r.route === 'transcriptions').length).toBeGreaterThan(5);
      expect(await asrStats(sessionId)).toMatch(/windowed; realtime failed/);
    }
  });
});
