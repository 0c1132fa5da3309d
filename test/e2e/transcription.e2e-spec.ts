import { describe, expect, it } from 'vitest';
import { RedisService } from '#src/redis/redis.service.js';
import { lastAudioKey } from '#src/sessions/session-keys.js';
import type { EndAck, JoinAck, SessionStatusEvent } from '#src/transcription/transcription.events.js';
import {
  call,
  chunks,
  collectSegments,
  createSession,
  finalSegments,
  loadFixture,
  stream,
  uniqueFinals,
  userSocket,
  words,
} from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';

describe('transcription gateway: join, stream, end', () => {
  const gw = useGatewayApp();
  const fixture = loadFixture();

  it('streams es2002a in 250 ms chunks: every word of the ground truth once, live and persisted', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    const live = collectSegments(socket);
    const statuses: SessionStatusEvent[] = [];
    socket.on('session:status', (e) => statuses.push(e));
    const join = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(join).toMatchObject({ ok: true, status: 'pending', nextSeq: 0, canStream: true, asr: { configured: true } });

    const acks = await stream(socket, sessionId, chunks(fixture, 250));
    expect(acks.every((a, i) => a.ok && a.seq === i && !a.duplicate)).toBe(true);
    const end = await call<EndAck>(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, status: 'processing', finalizedNow: true, transcribed: true });

    const persisted = await finalSegments(gw.app, gw.owner, sessionId);
    expect(words(persisted.map((s) => s.text).join(' '))).toEqual(fixture.words);
    expect(persisted.map((s) => s.seq)).toEqual([...persisted.keys()]);
    for (let i = 1; i < persisted.length; i++) expect(persisted[i].startMs).toBeGreaterThanOrEqual(persisted[i - 1].endMs);
    expect(persisted.at(-1)!.endMs).toBeLessThanOrEqual(119_000);

    const finals = uniqueFinals(live);
    expect(finals.map((f) => f.text)).toEqual(persisted.map((s) => s.text));
    expect(live.some((e) => e.kind === 'interim')).toBe(true);
    expect(statuses.map((s) => s.status)).toEqual(['recording', 'processing']);
    socket.close();
  });

  it('acks a resent chunk again without storing it twice', async () => {
    const sessionId = await createSession(gw.app, gw.owner);
    const socket = await userSocket(gw.app, gw.owner);
    await call(socket, 'session:join', { sessionId });
    const data = chunks(fixture, 200).slice(0, 3);
    const before = Date.now();
    await stream(socket, sessionId, data);
    // The abandoned-session sweep reads this stamp; a meeting that is still streaming must carry it.
    const redis = gw.app.app.get(RedisService);
    expect(Number(await redis.client.get(lastAudioKey(redis, sessionId)))).toBeGreaterThanOrEqual(before);
    const again = await stream(socket, sessionId, data);
    expect(again.map((a) => a.ok && a.duplicate)).toEqual([true, true, true]);
    const rejoin = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(rejoin).toMatchObject({ ok: true, status: 'recording', nextSeq: 3 });
    socket.close();
  });
});
