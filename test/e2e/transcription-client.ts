/* Shared by the transcription e2e specs and the gateway benchmark: a typed socket client and fixtures. */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { normalizeToken } from '#src/transcription/audio/text-tokens.js';
import {
  TRANSCRIPTION_NAMESPACE,
  type Ack,
  type ChunkAck,
  type ClientToServerEvents,
  type HandshakeAuth,
  type SegmentEvent,
  type ServerToClientEvents,
} from '#src/transcription/transcription.events.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ES2002A = fixtureAudio('es2002a-2min');

export interface Fixture {
  sampleRate: number;
  /** PCM16LE bytes of the data chunk. */
  pcm: Buffer;
  words: string[];
}

export function loadFixture(wavPath = ES2002A): Fixture {
  const wav = readFileSync(wavPath);
  const dataAt = wav.indexOf('data', 12, 'ascii');
  const size = wav.readUInt32LE(dataAt + 4);
  const truth = JSON.parse(readFileSync(wavPath.replace(/\.wav$/, '.json'), 'utf8')) as { sampleRate: number; utterances: { text: string }[] };
  return {
    sampleRate: truth.sampleRate,
    pcm: wav.subarray(dataAt + 8, dataAt + 8 + size),
    words: words(truth.utterances.map((u) => u.text).join(' ')),
  };
}

export const words = (text: string): string[] => text.split(/\s+/).map(normalizeToken).filter(Boolean);

/** Chunks of `chunkMs` (PCM16 at `sampleRate`), as the client would send them. */
export function chunks(f: Fixture, chunkMs: number): Buffer[] {
  const bytes = Math.round((f.sampleRate * chunkMs) / 1000) * 2;
  const out: Buffer[] = [];
  for (let i = 0; i < f.pcm.length; i += bytes) out.push(f.pcm.subarray(i, Math.min(f.pcm.length, i + bytes)));
  return out;
}

export interface User {
  token: string;
  workspaceId: string;
  userId: string;
}

export async function register(app: TestApp, name = 'user'): Promise<User> {
  const email = `${name}-${Math.random().toString(36).slice(2)}@example.com`;
  await app.http.post('/api/auth/register').send({ email, password: 'correct horse battery', name }).expect(201);
  const reg = await app.http.post('/api/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
  const token = (reg.body as { accessToken: string }).accessToken;
  const me = await app.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  const body = me.body as { id: string; memberships: { workspaceId: string }[] };
  return { token, workspaceId: body.memberships[0].workspaceId, userId: body.id };
}

export async function createSession(app: TestApp, user: User): Promise<string> {
  const res = await app.http
    .post('/api/sessions')
    .set('Authorization', `Bearer ${user.token}`)
    .set('X-Workspace-Id', user.workspaceId)
    .send({ title: 'standup' })
    .expect(201);
  return (res.body as { id: string }).id;
}

export async function finalSegments(app: TestApp, user: User, sessionId: string): Promise<{ seq: number; text: string; speaker: string | null; startMs: number; endMs: number }[]> {
  const res = await app.http
    .get(`/api/sessions/${sessionId}/segments`)
    .set('Authorization', `Bearer ${user.token}`)
    .set('X-Workspace-Id', user.workspaceId)
    .expect(200);
  return res.body as { seq: number; text: string; speaker: string | null; startMs: number; endMs: number }[];
}

/** Connects and resolves once connected; rejects with the server's refusal ({message, data.code}). */
export function connect(url: string, auth: Partial<HandshakeAuth> | Record<string, unknown>): Promise<ClientSocket> {
  const socket: ClientSocket = io(`${url}${TRANSCRIPTION_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function userSocket(app: TestApp, user: User, extra: Partial<HandshakeAuth> = {}): Promise<ClientSocket> {
  return connect(app.url, { token: user.token, workspaceId: user.workspaceId, ...extra });
}

/** Emits with an ack (any event name, any payload: the bad-payload tests need that freedom). */
export function call<T extends object = object>(socket: ClientSocket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return (socket as unknown as Socket).timeout(30_000).emitWithAck(event, ...args) as Promise<Ack<T>>;
}

/**
 * Streams chunks with up to `window` awaiting their ack; returns the acks in seq order. Like a
 * client that follows the contract, it resends a chunk refused for going over the event rate.
 */
export async function stream(
  socket: ClientSocket,
  sessionId: string,
  data: Buffer[],
  opts: { fromSeq?: number; window?: number; sampleRate?: number; stopAfter?: number } = {},
): Promise<Ack<ChunkAck>[]> {
  const from = opts.fromSeq ?? 0;
  const end = opts.stopAfter !== undefined ? Math.min(data.length, opts.stopAfter) : data.length;
  const acks: Ack<ChunkAck>[] = [];
  let next = from;
  const worker = async () => {
    while (next < end) {
      const seq = next++;
      for (;;) {
        const ack = await call<ChunkAck>(socket, 'audio:chunk', { sessionId, seq, format: 'pcm16', sampleRate: opts.sampleRate ?? 16_000, data: data[seq] });
        acks[seq - from] = ack;
        if (ack.ok || ack.error.reason !== 'RATE') break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.window ?? 8 }, worker));
  return acks;
}

export function collectSegments(socket: ClientSocket): SegmentEvent[] {
  const seen: SegmentEvent[] = [];
  socket.on('segment', (e) => seen.push(e));
  return seen;
}

/** Final segments by id (a replayed final can arrive twice: by replay and live), in seq order. */
export function uniqueFinals(events: SegmentEvent[]): SegmentEvent[] {
  const byId = new Map(events.filter((e) => e.kind === 'final').map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => a.seq! - b.seq!);
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
