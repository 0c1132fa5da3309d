import type { Socket } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DisconnectNotice, JoinAck } from '#src/transcription/transcription.events.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from '#src/transcription/transcription.options.js';
import { call, createSession, register, until, userSocket, type ClientSocket } from './transcription-client.js';
import { useGatewayApp } from './gateway.harness.js';

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
    ['session:end', 1_200],
  ])('%s × %i at once: every emit is acked (refusals RATE_LIMITED), the socket and the process stay up', async (event, n) => {
    const user = await register(gw.app, 'burst');
    const sessionId = await createSession(gw.app, user);
    const socket = await userSocket(gw.app, user);
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
    const options = gw.app.app.get<TranscriptionOptions>(TRANSCRIPTION_OPTIONS);
    const before = options.limits.floodRefusals;
    options.limits.floodRefusals = 50;
    const user = await register(gw.app, 'flood');
    const socket = await userSocket(gw.app, user);
    onTestFinished(() => {
      options.limits.floodRefusals = before;
    });
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
});
