import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import type { ChunkAck, EndAck } from '#src/transcription/transcription.events.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import { call, chunks, createSession, finalSegments, loadFixture, stream, until, userSocket, words } from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';

/**
 * The spool's Redis stops taking writes for longer than the command timeout (what an overloaded
 * Redis looks like from the gateway): the chunks it could not store are refused with a retryable
 * code, the client resends them, and the transcript still has every word exactly once.
 */
describe('transcription gateway: the audio spool is overloaded', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const gw = useGatewayApp({ env: () => ({ REDIS_URL: redis.url }) });
  const fixture = loadFixture();
  const data = chunks(fixture, 500);

  it('refuses what it could not store with SERVICE_UNAVAILABLE; the resent chunks complete the transcript', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    await call(socket, 'session:join', { sessionId });
    const third = Math.floor(data.length / 3);
    expect((await stream(socket, sessionId, data, { stopAfter: third })).every((a) => a.ok)).toBe(true);

    const admin = new Redis(redis.url);
    await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
    const during = await stream(socket, sessionId, data, { fromSeq: third, stopAfter: third + 4, window: 4 });
    admin.disconnect();
    expect(during).toHaveLength(4);
    for (const ack of during) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', reason: 'SPOOL_UNAVAILABLE' } });
    }

    // The client resends what was not acked (the paused writes may have landed after all: acked as duplicates).
    const resent = await stream(socket, sessionId, data, { fromSeq: third });
    expect(resent.every((a) => a.ok)).toBe(true);
    expect(resent.filter((a) => a.ok && !(a as ChunkAck).duplicate).length).toBeGreaterThanOrEqual(data.length - third - 4);
    const end = await call<EndAck>(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, transcribed: true });
    const persisted = await finalSegments(gw.app, gw.owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    socket.close();
  });

  it('a chunk resent after the transcript went on without it is refused (TOO_LATE), never acked and dropped', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    await call(socket, 'session:join', { sessionId });
    // Chunk 1 goes missing; more than 64 chunks pile up behind it, so the processor gives the gap up.
    expect((await stream(socket, sessionId, data, { stopAfter: 1 })).every((a) => a.ok)).toBe(true);
    const after = await stream(socket, sessionId, data, { fromSeq: 2, stopAfter: 81 });
    expect(after.every((a) => a.ok)).toBe(true);
    await until(async () => (await finalSegments(gw.app, gw.owner, sessionId)).some((s) => s.startMs > 1_000), 20_000, 'finals past the gap');
    const late = await call<ChunkAck>(socket, 'audio:chunk', { sessionId, seq: 1, format: 'pcm16', sampleRate: 16_000, data: data[1] });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'TOO_LATE' } });
    // A chunk of the gap that was stored in time is never skipped: chunk 81 is missing, 82.. follow, and 81 arrives.
    await stream(socket, sessionId, data, { fromSeq: 82, stopAfter: 120 });
    expect(await call<ChunkAck>(socket, 'audio:chunk', { sessionId, seq: 81, format: 'pcm16', sampleRate: 16_000, data: data[81] })).toMatchObject({ ok: true });
    await stream(socket, sessionId, data, { fromSeq: 120 });
    expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
    // Everything from chunk 2 on was acked (chunk 81 among it), so all of it is in the transcript:
    // past the first seconds (around the gap) it is the fixture word for word.
    const persisted = words((await finalSegments(gw.app, gw.owner, sessionId)).map((s) => s.text).join(' '));
    const rest = fixture.words.length - 20;
    expect(persisted.slice(-rest)).toEqual(fixture.words.slice(-rest));
    socket.close();
  });

  it('refuses appends beyond the per-process cap at once, while Redis is slow, and loses none of them', async () => {
    const options = gw.app.app.get<TranscriptionOptions>(TRANSCRIPTION_OPTIONS);
    const cap = options.spoolMaxPending;
    options.spoolMaxPending = 2;
    try {
      const sessionId = await createSession(gw.app, gw.owner);
      const socket = await userSocket(gw.app, gw.owner);
      await call(socket, 'session:join', { sessionId });
      const admin = new Redis(redis.url);
      await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
      const started = Date.now();
      const timed = await Promise.all(
        data.slice(0, 6).map((chunk, seq) =>
          call<ChunkAck>(socket, 'audio:chunk', { sessionId, seq, format: 'pcm16', sampleRate: 16_000, data: chunk }).then((ack) => ({ ack, ms: Date.now() - started })),
        ),
      );
      admin.disconnect();
      // Two appends wait on the paused Redis; the other four are refused without waiting.
      const refusedAtOnce = timed.filter((t) => !t.ack.ok && t.ms < 1_500); // the two waiting ones take the 2 s command timeout
      expect(refusedAtOnce).toHaveLength(4);
      for (const t of timed) if (!t.ack.ok) expect(t.ack.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SPOOL_UNAVAILABLE' });
      options.spoolMaxPending = cap;
      // The client resends whatever was not acked: the whole meeting is transcribed, each word once.
      expect((await stream(socket, sessionId, data)).every((a) => a.ok)).toBe(true);
      expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true, transcribed: true });
      expect(words((await finalSegments(gw.app, gw.owner, sessionId)).map((x) => x.text).join(' '))).toEqual(fixture.words);
      socket.close();
    } finally {
      options.spoolMaxPending = cap;
    }
  });
});
