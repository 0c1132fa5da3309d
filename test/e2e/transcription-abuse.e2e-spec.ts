import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import type { DisconnectNotice, JoinAck } from '#src/transcription/transcription.events.js';
import { call, createSession, register, until, userSocket, type ClientSocket } from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';
import { withLimits } from './socket-limits.js';

type RawAck = { ok: boolean; error?: { code: string; reason?: string } };

/** Emits `n` events at once (one write each, no waiting) and collects the acks that come back. */
function burst(socket: ClientSocket, event: string, n: number, payload: (i: number) => unknown): { acks: RawAck[]; all: Promise<RawAck[]> } {
  const acks: RawAck[] = [];
  const all = Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<RawAck>((resolve) => {
          (socket as unknown as Socket).emit(event, payload(i), (ack: RawAck) => {
            acks.push(ack);
            resolve(ack);
          });
        }),
    ),
  );
  return { acks, all };
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms))]);

/**
 * The security review's attacks with an ordinary self-registered account (issue 11, items 1–3):
 * event bursts, a flood that ignores its refusals, too many sockets and sessions, and a seq far
 * ahead of the session. The process stays up, every emit is acked, and the REST API still answers.
 */
describe('transcription gateway: abuse by an ordinary account', () => {
  const gw = useGatewayApp({
    env: () => ({ MINA_SOCKETS_PER_USER: '3', MINA_SOCKET_MAX_SESSIONS: '3', MINA_AUDIO_SEQ_LOOKAHEAD: '100' }),
  });
  const alive = async () => (await gw.app.http.get('/health/live')).status === 200;

  it.each([
    ['session:join', 450],
    ['session:end', 900],
  ])('%s × %i at once: every emit is acked (refusals RATE_LIMITED), the socket and the process stay up', async (event, n) => {
    const user = await register(gw.app, 'burst');
    const sessionId = await createSession(gw.app, user);
    // A small bucket, so that the burst outruns it however slowly this machine reads the events.
    const socket = await withLimits(gw, { burst: 50, eventsPerSecond: 10 }, () => userSocket(gw.app, user));
    const { all } = burst(socket, event, n, () => ({ sessionId }));
    const acks = await within(all, 30_000, `${n} acks`);
    expect(acks).toHaveLength(n);
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a.error).toMatchObject({ code: 'RATE_LIMITED', reason: expect.stringMatching(/^(RATE|IN_FLIGHT)$/) });
    expect(acks.some((a) => a.ok)).toBe(true);
    expect(socket.connected).toBe(true);
    expect(await alive()).toBe(true);
    socket.close();
  });

  it('disconnects, with a FLOOD notice, a socket that keeps sending after its refusals', async () => {
    const user = await register(gw.app, 'flood');
    const socket = await withLimits(gw, { floodRefusals: 50 }, () => userSocket(gw.app, user));
    const notices: DisconnectNotice[] = [];
    socket.on('server:disconnect', (n) => notices.push(n));
    const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    const { acks } = burst(socket, 'no:such:event', 1_000, () => ({}));
    expect(await within(closed, 10_000, 'disconnect')).toBe('io server disconnect');
    expect(notices).toEqual([{ code: 'RATE_LIMITED', reason: 'FLOOD', message: expect.any(String) as string }]);
    // Up to the limit every event was answered: the unknown ones, then the rate refusals, the last one FLOOD.
    expect(acks.length).toBeGreaterThan(400);
    expect(acks.filter((a) => a.error?.reason === 'FLOOD').length).toBe(1);
    expect(await alive()).toBe(true);
  });

  it('refuses the connections of a user beyond MINA_SOCKETS_PER_USER with LIMIT_EXCEEDED / TOO_MANY_SOCKETS', async () => {
    const user = await register(gw.app, 'sockets');
    const open = await Promise.all([userSocket(gw.app, user), userSocket(gw.app, user), userSocket(gw.app, user)]);
    await expect(userSocket(gw.app, user)).rejects.toMatchObject({ data: { code: 'LIMIT_EXCEEDED', reason: 'TOO_MANY_SOCKETS' } });
    // A closed one frees its place.
    open.pop()!.close();
    let again: ClientSocket | undefined;
    await until(async () => {
      again = await userSocket(gw.app, user).catch(() => undefined);
      return again !== undefined;
    }, 10_000, 'a free place');
    for (const s of [...open, again!]) s.close();
  });

  it('holds the bound when many handshakes of one user arrive at once', async () => {
    const user = await register(gw.app, 'stampede');
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => userSocket(gw.app, user)));
    const sockets = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    // Ones that got past the handshake together are told to go right after connecting.
    await new Promise((r) => setTimeout(r, 500));
    expect(sockets.filter((s) => s.connected).length).toBeLessThanOrEqual(3);
    for (const s of sockets) s.close();
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toMatchObject({ data: { code: 'LIMIT_EXCEEDED' } });
  });

  it('bounds the sessions one socket joins (LIMIT_EXCEEDED / TOO_MANY_SESSIONS); rejoining one is fine', async () => {
    const user = await register(gw.app, 'rooms');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await createSession(gw.app, user));
    const socket = await userSocket(gw.app, user);
    for (const sessionId of ids.slice(0, 3)) expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    expect(await call(socket, 'session:join', { sessionId: ids[3] })).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED', reason: 'TOO_MANY_SESSIONS' },
    });
    expect(await call(socket, 'session:join', { sessionId: ids[0] })).toMatchObject({ ok: true });
    socket.close();
  });

  it('refuses a chunk further ahead than nextSeq + MINA_AUDIO_SEQ_LOOKAHEAD with VALIDATION_FAILED / SEQ_TOO_FAR', async () => {
    const user = await register(gw.app, 'seq');
    const sessionId = await createSession(gw.app, user);
    const socket = await userSocket(gw.app, user);
    await call(socket, 'session:join', { sessionId });
    const chunk = (seq: number) => call(socket, 'audio:chunk', { sessionId, seq, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(320) });
    expect(await chunk(0)).toMatchObject({ ok: true });
    for (const seq of [5_000_000, 2 ** 53 - 1, 102]) {
      expect(await chunk(seq)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', reason: 'SEQ_TOO_FAR' } });
    }
    // nextSeq is 1: up to 1 + 100 is inside the window, and the window moves with what is stored.
    expect(await chunk(101)).toMatchObject({ ok: true });
    expect(await chunk(202)).toMatchObject({ ok: true });
    expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true, nextSeq: 203 });
    expect(await call(socket, 'session:end', { sessionId })).toMatchObject({ ok: true });
    socket.close();
  });
});

/** Calls of each Redis command so far (scripts' own calls included), from INFO commandstats. */
async function commandCalls(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  return Object.fromEntries([...info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)]));
}

/**
 * Issue 11 item 2: chunk 0 then 70 chunks at seq 5,000,000 made the gap-skip script test every
 * missing seq, freezing Redis for minutes. Skipping a gap now costs O(min(gap, chunks stored)):
 * counted in Redis commands on a Redis of this test's own, not in wall-clock time.
 */
describe('audio spool: skipping a gap does not scale with the gap', () => {
  let redis: PrivateRedis;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await redis?.stop();
  });
  const gw = useGatewayApp({ env: () => ({ REDIS_URL: redis.url, MINA_ROLE: 'api' }) });

  /** A session's spool with these seqs stored (as a spool written before the look-ahead bound could hold). */
  async function spoolWith(seqs: number[]): Promise<string> {
    const spool = gw.app.app.get(AudioSpool);
    const sessionId = randomUUID();
    for (const seq of seqs) {
      const r = await spool.append(sessionId, 'test', { lockTtlMs: 5_000, lookahead: Number.MAX_SAFE_INTEGER }, { seq, sampleRate: 16_000, data: Buffer.alloc(2) });
      expect(r.verdict).toMatch(/^(FIRST|OK)$/);
    }
    return sessionId;
  }

  it('gives up [1, 5,000,000) behind 70 stored chunks with a few hundred commands, not millions', async () => {
    const sessionId = await spoolWith([0, ...Array.from({ length: 70 }, (_, i) => 5_000_000 + i)]);
    const before = await commandCalls(admin);
    expect(await gw.app.app.get(AudioSpool).skipGap(sessionId, 1, 5_000_000)).toBe(true);
    const after = await commandCalls(admin);
    const work = Object.entries(after).reduce((sum, [name, calls]) => sum + calls - (before[name] ?? 0), 0);
    expect(work).toBeLessThan(200);
  });

  const first20 = Array.from({ length: 20 }, (_, i) => i);
  it.each<[string, number[], [number, number], boolean]>([
    // [case, stored seqs, gap, skipped?]
    ['nothing stored in the gap', [0, 5, 9], [1, 5], true],
    ['a stored seq in the gap', [0, 3, 9], [1, 5], false],
    ['a huge gap with a stored seq inside', [0, 1_000_000, 2_000_000], [1, 2_000_000], false],
    ['a huge gap, nothing inside', [0, 2_000_000], [1, 2_000_000], true],
    ['a short gap after many chunks', first20, [20, 22], true],
    ['a short gap after many chunks, one inside', [...first20, 21], [20, 22], false],
  ])('%s', async (_case, stored, [from, to], skipped) => {
    const sessionId = await spoolWith(stored);
    expect(await gw.app.app.get(AudioSpool).skipGap(sessionId, from, to)).toBe(skipped);
  });
});
