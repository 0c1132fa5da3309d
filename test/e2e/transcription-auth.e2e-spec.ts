import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { ChunkAck, JoinAck, SocketError } from '#src/transcription/transcription.events.js';
import { call, connect, createSession, register, stream, userSocket, type ClientSocket, type User } from './transcription-client.js';

const refusal = async (p: Promise<ClientSocket>): Promise<{ message: string; code?: string }> => {
  const err = (await p.then(
    (s) => (s.close(), new Error('connected')),
    (e: Error & { data?: { code?: string } }) => e,
  )) as Error & { data?: { code?: string } };
  return { message: err.message, code: err.data?.code };
};

const ADMIN = { email: 'root@example.com', password: 'root password 123' };

describe('transcription gateway: auth, roles, bad payloads, limits', () => {
  let app: TestApp;
  let owner: User;
  let other: User;
  let sessionId: string;
  let socket: ClientSocket;
  const pcm = (bytes: number) => Buffer.alloc(bytes);

  beforeAll(async () => {
    // No OPENAI_* at all: the session must say so rather than invent text.
    app = await startTestApp({ env: { MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password } });
    [owner, other] = await Promise.all([register(app, 'owner'), register(app, 'other')]);
    sessionId = await createSession(app, owner);
    socket = await userSocket(app, owner);
  });
  afterAll(async () => {
    socket?.close();
    await app?.close();
  });

  it('refuses handshakes without a valid token or membership, with a reason', async () => {
    const jwt = app.app.get(JwtService);
    const expired = jwt.sign({ sub: owner.userId, ver: 0, typ: 'access' }, { expiresIn: -10 });
    const refresh = jwt.sign({ sub: owner.userId, ver: 0, typ: 'refresh' });
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'UNAUTHENTICATED'],
      [{ token: 'garbage', workspaceId: owner.workspaceId }, 'TOKEN_INVALID'],
      [{ token: expired, workspaceId: owner.workspaceId }, 'TOKEN_EXPIRED'],
      [{ token: refresh, workspaceId: owner.workspaceId }, 'TOKEN_INVALID'],
      [{ token: owner.token }, 'WORKSPACE_REQUIRED'],
      [{ token: other.token, workspaceId: owner.workspaceId }, 'NOT_FOUND'],
    ];
    for (const [auth, code] of cases) {
      const r = await refusal(connect(app.url, auth));
      expect(r.code, JSON.stringify(auth).slice(0, 40)).toBe(code);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it('cuts live sockets off when access is taken away or changes, and refuses their reconnect', async () => {
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    const cutOff = (s: ClientSocket) => new Promise<string>((resolve) => s.once('disconnect', resolve));
    const email = `guest-${Date.now()}@example.com`;
    await app.http.post('/api/auth/register').send({ email, password: 'correct horse battery', name: 'guest' }).expect(201);
    const reg = await app.http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    const token = (reg.body as { accessToken: string }).accessToken;
    const me = (await app.http.get('/api/me').set(bearer(token)).expect(200)).body as { id: string; memberships: { workspaceId: string }[] };
    const guest: User = { token, userId: me.id, workspaceId: owner.workspaceId };
    const invited = await app.http.post(`/api/workspaces/${owner.workspaceId}/members`).set(bearer(owner.token)).send({ email, role: 'member' }).expect(201);
    const member = await app.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set(bearer(token)).expect(200);
    const memberUrl = `/api/workspaces/${owner.workspaceId}/members/${(member.body as { membershipId: string }).membershipId}`;
    const guestSession = await createSession(app, guest);

    // Made a viewer: the socket that joined as a streamer is cut, and rejoins as a watcher.
    let s = await userSocket(app, guest);
    expect(await call<JoinAck>(s, 'session:join', { sessionId: guestSession })).toMatchObject({ ok: true, canStream: true });
    let cut = cutOff(s);
    await app.http.put(memberUrl).set(bearer(owner.token)).send({ role: 'viewer' }).expect(200);
    expect(await cut).toBe('io server disconnect');
    s = await userSocket(app, guest);
    expect(await call<JoinAck>(s, 'session:join', { sessionId: guestSession })).toMatchObject({ ok: true, canStream: false });

    // Removed from the workspace: cut, and the reconnect is refused with the reason.
    cut = cutOff(s);
    await app.http.delete(memberUrl).set(bearer(owner.token)).expect(204);
    expect(await cut).toBe('io server disconnect');
    expect((await refusal(userSocket(app, guest))).code).toBe('NOT_FOUND');

    // Disabled by an instance admin: every socket of the account goes, in its own workspace too.
    const own = await userSocket(app, { ...guest, workspaceId: me.memberships[0].workspaceId });
    cut = cutOff(own);
    const admin = (await app.http.post('/api/auth/login').send(ADMIN).expect(200)).body as { accessToken: string };
    await app.http.put(`/api/admin/users/${guest.userId}`).set(bearer(admin.accessToken)).send({ isActive: false }).expect(200);
    expect(await cut).toBe('io server disconnect');
    expect(['TOKEN_INVALID', 'ACCOUNT_DISABLED']).toContain((await refusal(userSocket(app, { ...guest, workspaceId: me.memberships[0].workspaceId }))).code);
    // The owner's socket is untouched.
    expect(socket.connected).toBe(true);
  });

  it('says honestly that no ASR is configured', async () => {
    const join = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(join).toMatchObject({ ok: true, status: 'pending', nextSeq: 0, canStream: true, asr: { configured: false, provider: 'none' } });
  });

  it('answers every bad payload with an error ack and keeps the connection', async () => {
    const chunk = (over: Record<string, unknown>) => ({ sessionId, seq: 0, format: 'pcm16', sampleRate: 16_000, data: pcm(3200), ...over });
    const unknownSession = '00000000-0000-4000-8000-000000000000';
    const matrix: [string, unknown[], SocketError['code'], SocketError['reason']?][] = [
      ['session:join', ['nope'], 'VALIDATION_FAILED', 'MALFORMED'],
      ['session:join', [], 'VALIDATION_FAILED', 'MALFORMED'],
      ['session:join', [{ sessionId: 5 }], 'VALIDATION_FAILED', 'MALFORMED'],
      ['session:join', [{ sessionId, lastSeq: 'x' }], 'VALIDATION_FAILED', 'BAD_SEQ'],
      ['session:join', [{ sessionId: unknownSession }], 'NOT_FOUND'],
      ['audio:chunk', [chunk({ sessionId: unknownSession })], 'BAD_REQUEST', 'NOT_JOINED'],
      ['audio:chunk', [null], 'VALIDATION_FAILED', 'MALFORMED'],
      ['audio:chunk', [chunk({ data: pcm(64 * 1024 + 2) })], 'PAYLOAD_TOO_LARGE', 'TOO_LARGE'],
      ['audio:chunk', [chunk({ data: pcm(300 * 1024) })], 'PAYLOAD_TOO_LARGE', 'TOO_LARGE'],
      ['audio:chunk', [chunk({ format: 'opus' })], 'UNSUPPORTED_MEDIA_TYPE', 'BAD_FORMAT'],
      ['audio:chunk', [chunk({ format: undefined })], 'UNSUPPORTED_MEDIA_TYPE', 'BAD_FORMAT'],
      ['audio:chunk', [chunk({ data: pcm(3201) })], 'VALIDATION_FAILED', 'ODD_BYTE_LENGTH'],
      ['audio:chunk', [chunk({ data: 'AAAA' })], 'VALIDATION_FAILED', 'MALFORMED'],
      ['audio:chunk', [chunk({ data: pcm(0) })], 'VALIDATION_FAILED', 'MALFORMED'],
      ['audio:chunk', [chunk({ sampleRate: 7_999 })], 'VALIDATION_FAILED', 'SAMPLE_RATE'],
      ['audio:chunk', [chunk({ sampleRate: 48_001 })], 'VALIDATION_FAILED', 'SAMPLE_RATE'],
      ['audio:chunk', [chunk({ sampleRate: 16_000.5 })], 'VALIDATION_FAILED', 'SAMPLE_RATE'],
      ['audio:chunk', [chunk({ sampleRate: '16000' })], 'VALIDATION_FAILED', 'SAMPLE_RATE'],
      ['audio:chunk', [chunk({ seq: -1 })], 'VALIDATION_FAILED', 'BAD_SEQ'],
      ['audio:chunk', [chunk({ seq: 1.5 })], 'VALIDATION_FAILED', 'BAD_SEQ'],
      ['audio:chunk', [chunk({ seq: '3' })], 'VALIDATION_FAILED', 'BAD_SEQ'],
      ['audio:chunk', [chunk({ seq: undefined })], 'VALIDATION_FAILED', 'BAD_SEQ'],
      ['session:end', [{}], 'VALIDATION_FAILED', 'MALFORMED'],
      ['session:end', [{ sessionId: unknownSession }], 'NOT_FOUND'],
      ['no:such-event', [{}], 'BAD_REQUEST', 'UNKNOWN_EVENT'],
    ];
    for (const [event, args, code, reason] of matrix) {
      const ack = await call(socket, event, ...args);
      const label = `${event} ${JSON.stringify(args).slice(0, 60)}`;
      expect(ack.ok, label).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code, label).toBe(code);
        if (reason) expect(ack.error.reason, label).toBe(reason);
        expect(ack.error.message.length, label).toBeGreaterThan(5);
      }
    }
    expect(socket.connected).toBe(true);
    const good = await call<ChunkAck>(socket, 'audio:chunk', chunk({ data: Buffer.alloc(3200, 1) }));
    expect(good).toEqual({ ok: true, seq: 0, duplicate: false });
  });

  it('bounds chunks in flight per socket with RATE_LIMITED / IN_FLIGHT', async () => {
    const acks = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        call(socket, 'audio:chunk', { sessionId, seq: 100 + i, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(320, 2) }),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => !a.ok && a.error.code === 'RATE_LIMITED' && a.error.reason === 'IN_FLIGHT')).toBe(true);
    expect(socket.connected).toBe(true);
  });

  it('lets a viewer watch but not stream or end; one streaming client at a time', async () => {
    const viewer = await register(app, 'viewer');
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${viewer.token}`);
    const invited = await app.http
      .post(`/api/workspaces/${owner.workspaceId}/members`)
      .set('Authorization', `Bearer ${owner.token}`)
      .set('X-Workspace-Id', owner.workspaceId)
      .send({ email: (me.body as { email: string }).email, role: 'viewer' })
      .expect(201);
    await app.http.post(`/api/invitations/${(invited.body as { id: string }).id}/accept`).set('Authorization', `Bearer ${viewer.token}`).expect(200);
    const watcher = await userSocket(app, { ...viewer, workspaceId: owner.workspaceId });
    const join = await call<JoinAck>(watcher, 'session:join', { sessionId });
    expect(join).toMatchObject({ ok: true, canStream: false });
    const sent = await stream(watcher, sessionId, [Buffer.alloc(320)], { fromSeq: 0 });
    expect(sent[0]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(watcher, 'session:end', { sessionId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    watcher.close();

    // A second client of the owner while the first still holds the streaming lock.
    const second = await userSocket(app, owner);
    await call(second, 'session:join', { sessionId });
    const busy = await call(second, 'audio:chunk', { sessionId, seq: 500, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(320) });
    expect(busy).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'STREAM_LOCKED' } });
    second.close();
  });

  it('ends the session through the single finalization path', async () => {
    const end = await call(socket, 'session:end', { sessionId });
    expect(end).toMatchObject({ ok: true, status: 'processing', finalizedNow: true, transcribed: false });
    const again = await call(socket, 'session:end', { sessionId });
    expect(again).toMatchObject({ ok: true, status: 'processing', finalizedNow: false });
    const late = await call(socket, 'audio:chunk', { sessionId, seq: 9_999, format: 'pcm16', sampleRate: 16_000, data: Buffer.alloc(320) });
    expect(late).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', reason: 'SESSION_ENDED' } });
  });
});
