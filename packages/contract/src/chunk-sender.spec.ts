import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChunkSender, type ChunkAnswer, type SenderStats } from './chunk-sender.js';
import type {
  Ack,
  AudioChunkPayload,
  ChunkAck,
  ClientToServerEvents,
  ServerToClientEvents,
  SocketError,
} from './socket.js';
import { TRANSCRIPTION_NAMESPACE } from './socket.js';

/** What the test server answers to one `audio:chunk`: an ack, a refusal, or silence (no ack). */
type Answer = { ok: true } | { error: SocketError } | 'silence';

/**
 * A real Socket.IO server on /transcription whose `audio:chunk` answers are scripted per
 * attempt: `script(seq, attempt)`; unscripted chunks are acked. Records every chunk received.
 */
class ChunkServer {
  readonly received: { seq: number; bytes: number }[] = [];
  /** Chunks sent but not yet answered, at the most at once. */
  maxOutstanding = 0;
  private outstanding = 0;
  private readonly attempts = new Map<number, number>();
  private readonly stored = new Set<number>();
  private readonly http = createServer();
  private readonly io = new Server(this.http);
  script: (seq: number, attempt: number) => Answer = () => ({ ok: true });

  async start(): Promise<string> {
    this.io.of(TRANSCRIPTION_NAMESPACE).on('connection', (socket) => {
      socket.on('audio:chunk', (payload: AudioChunkPayload, ack: (a: Ack<ChunkAck>) => void) => {
        const attempt = (this.attempts.get(payload.seq) ?? 0) + 1;
        this.attempts.set(payload.seq, attempt);
        this.received.push({ seq: payload.seq, bytes: (payload.data as Buffer).byteLength });
        this.maxOutstanding = Math.max(this.maxOutstanding, ++this.outstanding);
        const answer = this.script(payload.seq, attempt);
        // Answer on a later turn, as the gateway does after storing: sends pile up meanwhile.
        setTimeout(() => {
          this.outstanding--;
          if (answer === 'silence') return;
          if ('error' in answer) return ack({ ok: false, error: answer.error });
          const duplicate = this.stored.has(payload.seq);
          this.stored.add(payload.seq);
          ack({ ok: true, seq: payload.seq, duplicate });
        }, 20);
      });
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}${TRANSCRIPTION_NAMESPACE}`;
  }

  async close(): Promise<void> {
    await this.io.close();
  }
}

const refusal = (code: SocketError['code'], reason?: SocketError['reason']): Answer => ({
  error: { code, message: code, ...(reason ? { reason } : {}) },
});

describe('ChunkSender over a real Socket.IO connection', () => {
  let server: ChunkServer;
  let client: Socket<ServerToClientEvents, ClientToServerEvents>;
  let stats: SenderStats;
  let answers: ChunkAnswer[];
  let fatal: SocketError[];

  beforeEach(async () => {
    server = new ChunkServer();
    client = io(await server.start(), { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    answers = [];
    fatal = [];
  });
  afterEach(async () => {
    client.disconnect();
    await server.close();
  });

  const sender = (firstSeq = 0, ackTimeoutMs = 2_000) =>
    new ChunkSender(client, 'session-1', firstSeq, {
      ackTimeoutMs,
      backoffMinMs: 10,
      backoffMaxMs: 40,
      onStats: (s) => (stats = s),
      onAnswer: (a) => answers.push(a),
      onFatal: (e) => fatal.push(e),
    });
  const chunk = (n = 320) => new Uint8Array(n);

  it('sends in seq order, at most four unacknowledged, and drains once all are acked', async () => {
    const s = sender();
    s.resume(0);
    for (let i = 0; i < 10; i++) s.push(chunk(320 + i), 16_000);
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(server.received.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(server.received.map((r) => r.bytes)).toEqual([320, 321, 322, 323, 324, 325, 326, 327, 328, 329]);
    expect(server.maxOutstanding).toBeGreaterThan(1);
    expect(server.maxOutstanding).toBeLessThanOrEqual(4);
    expect(stats).toMatchObject({
      queued: 0,
      inFlight: 0,
      sent: 10,
      acked: 10,
      retries: 0,
      late: 0,
      lastAckedSeq: 9,
    });
  });

  it('holds chunks until it is resumed, and skips those the server already holds', async () => {
    const s = sender(0);
    for (let i = 0; i < 5; i++) s.push(chunk(), 16_000);
    expect(s.pending).toBe(5);
    expect(server.received).toEqual([]);
    s.resume(3); // a rejoin: the server holds seq 0..2
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(server.received.map((r) => r.seq)).toEqual([3, 4]);
    expect(s.lastAckedSeq).toBe(4);
  });

  it.each<[string, Answer]>([
    ['RATE_LIMITED', refusal('RATE_LIMITED', 'RATE')],
    ['SERVICE_UNAVAILABLE', refusal('SERVICE_UNAVAILABLE', 'SPOOL_UNAVAILABLE')],
    ['LIMIT_EXCEEDED', refusal('LIMIT_EXCEEDED', 'IN_FLIGHT')],
  ])('resends a chunk refused with %s after a pause, and loses nothing', async (_code, answer) => {
    server.script = (seq, attempt) => (seq === 1 && attempt <= 2 ? answer : { ok: true });
    const s = sender();
    s.resume(0);
    for (let i = 0; i < 3; i++) s.push(chunk(), 16_000);
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(server.received.filter((r) => r.seq === 1)).toHaveLength(3);
    expect(stats.acked).toBe(3);
    expect(stats.retries).toBeGreaterThanOrEqual(2);
    expect(fatal).toEqual([]);
  });

  it('drops a chunk refused as TOO_LATE and counts it late', async () => {
    server.script = (seq) => (seq === 0 ? refusal('VALIDATION_FAILED', 'TOO_LATE') : { ok: true });
    const s = sender();
    s.resume(0);
    s.push(chunk(), 16_000);
    s.push(chunk(), 16_000);
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(stats).toMatchObject({ acked: 1, late: 1, retries: 0, lastAckedSeq: 1 });
    expect(fatal).toEqual([]);
  });

  it.each(['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION', 'PAYLOAD_TOO_LARGE'] as const)(
    'stops on %s and reports it',
    async (code) => {
      server.script = () => refusal(code);
      const s = sender();
      s.resume(0);
      s.push(chunk(), 16_000);
      await expect(s.drain(300)).resolves.toBe(false);
      expect(fatal.map((e) => e.code)).toEqual([code]);
      s.push(chunk(), 16_000);
      expect(server.received).toHaveLength(1);
    },
  );

  it('resends a chunk whose ack never came; the server answers the resend as a duplicate', async () => {
    server.script = (seq, attempt) => (seq === 0 && attempt === 1 ? 'silence' : { ok: true });
    const s = sender(0, 100);
    s.resume(0);
    s.push(chunk(), 16_000);
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(answers.map((a) => (a.ack === null ? 'timeout' : a.ack.ok))).toEqual(['timeout', true]);
    expect(answers[0].elapsedMs).toBeGreaterThanOrEqual(90);
    expect(stats).toMatchObject({ acked: 1, retries: 1 });
  });

  it('pauses on a disconnect and sends nothing until resumed', async () => {
    const s = sender();
    s.resume(0);
    s.push(chunk(), 16_000);
    await expect(s.drain(5_000)).resolves.toBe(true);
    s.pause();
    s.push(chunk(), 16_000);
    s.push(chunk(), 16_000);
    expect(stats).toMatchObject({ queued: 2, inFlight: 0 });
    expect(server.received).toHaveLength(1);
    s.resume(1);
    await expect(s.drain(5_000)).resolves.toBe(true);
    expect(server.received.map((r) => r.seq)).toEqual([0, 1, 2]);
  });
});
