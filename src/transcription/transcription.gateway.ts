import { MikroORM } from '@mikro-orm/core';
import { Inject, Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import * as Sentry from '@sentry/nestjs';
import type { Namespace, Socket } from 'socket.io';
import { apiKeyExpired } from '#src/auth/api-key-grant.js';
import { requestIdFor } from '#src/common/request-context.js';
import { withContext } from '#src/database/with-context.js';
import { RedisService } from '#src/redis/redis.service.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { ASR_PROVIDER, type AsrProvider } from './asr/asr-provider.js';
import { attachRedisAdapter } from './redis-io-adapter.js';
import { parseChunk, parseEnd, parseJoin } from './chunk-validation.js';
import { ShutdownDrain } from './processing/shutdown-drain.js';
import { TranscriptionWorker } from './processing/transcription-worker.service.js';
import { SocketAuthService, type SocketIdentity, type SocketTenant } from './socket-auth.service.js';
import { SocketRefusal, toSocketError } from './socket-error.js';
import { SocketLimiter } from './socket-limiter.js';
import { AudioSpool, type AppendResult } from './spool/audio-spool.service.js';
import { TranscriptionEvents } from './transcription-events.service.js';
import {
  CLIENT_EVENTS,
  apiKeyRoom,
  memberRoom,
  sessionRoom,
  userRoom,
  workspaceRoom,
  TRANSCRIPTION_NAMESPACE,
  type Ack,
  type AckFn,
  type AsrInfo,
  type DisconnectNotice,
  type ChunkAck,
  type ClientToServerEvents,
  type EndAck,
  type JoinAck,
  type ServerToClientEvents,
} from './transcription.events.js';
import { TranscriptionMetrics } from './transcription.metrics.js';
import { TRANSCRIPTION_OPTIONS, type TranscriptionOptions } from './transcription.options.js';
import { TranscriptionRepository } from './transcription.repository.js';

interface Joined {
  ownerId: string;
  canStream: boolean;
}

interface SocketData extends SocketIdentity {
  limiter: SocketLimiter;
  joined: Map<string, Joined>;
  /** Counted in userSockets (released on disconnect). */
  counted?: boolean;
  /** Cuts a socket opened with an API key when the key expires; cleared on disconnect. */
  expiry?: NodeJS.Timeout;
}

/** setTimeout's longest delay (a longer one fires at once): a key expiring later re-arms at most this often. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type TNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const LIVE = new Set(['pending', 'recording']);

/**
 * The /transcription namespace (docs/contract.md). Authenticates at the handshake with the
 * same checks as HTTP, checks membership on every join, acks every event, and stores audio in the
 * durable spool before acking it. Transcription itself runs in the TranscriptionWorker.
 */
@WebSocketGateway({ namespace: TRANSCRIPTION_NAMESPACE, maxHttpBufferSize: 1_000_000, serveClient: false })
export class TranscriptionGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(TranscriptionGateway.name);

  constructor(
    private readonly auth: SocketAuthService,
    private readonly spool: AudioSpool,
    private readonly repo: TranscriptionRepository,
    private readonly sessions: SessionsService,
    private readonly worker: TranscriptionWorker,
    private readonly events: TranscriptionEvents,
    private readonly metrics: TranscriptionMetrics,
    private readonly redis: RedisService,
    private readonly orm: MikroORM,
    private readonly shutdown: ShutdownDrain,
    @Inject(ASR_PROVIDER) private readonly asr: AsrProvider,
    @Inject(TRANSCRIPTION_OPTIONS) private readonly options: TranscriptionOptions,
  ) {}

  afterInit(nsp: TNamespace): void {
    // Rooms shared by every api process. Attached here so it holds with or without a custom IoAdapter.
    attachRedisAdapter(nsp.server, this.redis);
    // SIGTERM: refuse new work, finish in-flight chunks, tell clients to reconnect (processing/shutdown-drain.ts).
    this.shutdown.bind(nsp);
    nsp.use((socket, next) => {
      withContext(this.orm, () => this.auth.authenticate(socket.handshake.auth, socket.handshake.address)).then(
        (identity) => {
          // Checked again on connection (two handshakes of one user can both get here before either connects).
          if (this.socketsOf(identity.user.id) >= this.options.maxSocketsPerUser) {
            next(Object.assign(new Error(this.tooManySockets().message), { data: { code: 'LIMIT_EXCEEDED', reason: 'TOO_MANY_SOCKETS' } }));
            return;
          }
          socket.data = { ...identity, limiter: new SocketLimiter(this.options.limits), joined: new Map() };
          next();
        },
        (error: unknown) => {
          const { error: e, unexpected } = toSocketError(error);
          if (unexpected) this.logger.error(`handshake: ${(error as Error).stack ?? String(error)}`);
          next(Object.assign(new Error(e.message), { data: { code: e.code } }));
        },
      );
    });
    this.events.bind(nsp);
  }

  handleConnection(socket: TSocket): void {
    this.metrics.connections.inc();
    const userId = socket.data.user.id;
    this.userSockets.set(userId, this.socketsOf(userId) + 1);
    socket.data.counted = true;
    if (this.socketsOf(userId) > this.options.maxSocketsPerUser) {
      this.kick(socket, { code: 'LIMIT_EXCEEDED', reason: 'TOO_MANY_SOCKETS', message: this.tooManySockets().message });
      return;
    }
    // Workspace-wide notices (the pipeline's dashboard_refresh) reach every socket of the workspace.
    // The user's and the membership's rooms: where revoked access is cut off (SocketRevoker).
    const key = socket.data.user.apiKey;
    void socket.join([workspaceRoom(socket.data.workspaceId), userRoom(userId), memberRoom(socket.data.workspaceId, userId), ...(key ? [apiKeyRoom(key.id)] : [])]);
    this.cutAtExpiry(socket);
    this.on(socket, 'session:join', (p) => this.join(socket, p));
    // The hot path: no unit of work per chunk (forking one costs more than storing the chunk); see chunk().
    this.on(socket, 'audio:chunk', (p) => this.chunk(socket, p), false);
    this.on(socket, 'session:end', (p) => this.end(socket, p));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (CLIENT_EVENTS.has(event)) return;
      const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as AckFn) : undefined;
      // Unknown events cost a token too: otherwise they are a flood the limiter never sees.
      try {
        socket.data.limiter.take();
        this.reply(ack, { ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown event', reason: 'UNKNOWN_EVENT' } });
      } catch (error) {
        this.refuse(socket, String(event), error, ack);
      }
    });
  }

  handleDisconnect(socket: TSocket): void {
    this.metrics.connections.dec();
    clearTimeout(socket.data.expiry);
    const userId = socket.data.user?.id;
    if (socket.data.counted && userId) {
      const left = this.socketsOf(userId) - 1;
      if (left > 0) this.userSockets.set(userId, left);
      else this.userSockets.delete(userId);
    }
    const holder = this.holder(socket);
    for (const sessionId of socket.data.joined?.keys() ?? []) void this.spool.releaseLock(sessionId, holder).catch(() => undefined);
  }

  /** Open sockets per user on this process (MINA_SOCKETS_PER_USER bounds it). */
  private readonly userSockets = new Map<string, number>();

  private socketsOf(userId: string): number {
    return this.userSockets.get(userId) ?? 0;
  }

  private tooManySockets(): SocketRefusal {
    return new SocketRefusal('LIMIT_EXCEEDED', `More than ${this.options.maxSocketsPerUser} open connections for this user; close one first`, 'TOO_MANY_SOCKETS');
  }

  /** Tells the client why, then closes the socket (the notice is sent before the close packet). */
  private kick(socket: TSocket, notice: DisconnectNotice): void {
    this.logger.warn(`disconnecting socket ${socket.id} of user ${socket.data.user?.id}: ${notice.reason}`);
    socket.emit('server:disconnect', notice);
    socket.disconnect(true);
  }

  /** One timer per key socket, at the key's expiresAt: a key stops streaming when it stops working. */
  private cutAtExpiry(socket: TSocket): void {
    const expiresAt = socket.data.user.apiKey?.expiresAt;
    if (!expiresAt) return;
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) {
      this.kick(socket, { code: 'API_KEY_EXPIRED', reason: 'KEY_EXPIRED', message: apiKeyExpired(expiresAt).message });
      return;
    }
    socket.data.expiry = setTimeout(() => this.cutAtExpiry(socket), Math.min(left, MAX_TIMER_MS));
    socket.data.expiry.unref();
  }

  /**
   * Every client event goes through here: whatever the payload, whatever throws (synchronously or
   * not), the client gets exactly one ack and nothing escapes into the event loop. A socket that
   * keeps sending after being refused for its rate is disconnected with FLOOD.
   */
  private on(socket: TSocket, event: keyof ClientToServerEvents, handler: (payload: unknown) => Promise<object>, unitOfWork = true): void {
    (socket as unknown as Socket).on(event, (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as AckFn) : undefined;
      // Async: whatever throws synchronously (the rate limit, a bad payload) becomes a rejection, i.e. an ack.
      const result = (async () => {
        socket.data.limiter.take();
        if (!unitOfWork) return handler(args[0]);
        const release = socket.data.limiter.begin('control');
        try {
          return await withContext(this.orm, () => handler(args[0]));
        } finally {
          release();
        }
      })();
      result
        .then(
          (value) => this.reply(ack, { ok: true, ...value }),
          (error: unknown) => this.refuse(socket, event, error, ack),
        )
        .catch((error: unknown) => this.logger.error(`${event}: while acking: ${String(error)}`));
    });
  }

  private refuse(socket: TSocket, event: string, error: unknown, ack: AckFn | undefined): void {
    const { error: e, unexpected } = toSocketError(error);
    if (unexpected) {
      this.logger.error(`${event}: ${(error as Error | undefined)?.stack ?? String(error)}`);
      Sentry.withScope((scope) => {
        scope.setTags({ request_id: requestIdFor(socket.request), socket_event: event });
        Sentry.captureException(error);
      });
    }
    if (event === 'audio:chunk') this.metrics.chunks.inc({ result: 'rejected' });
    const flooding = e.reason === 'RATE' && socket.data.limiter.flooding;
    this.reply(ack, { ok: false, error: flooding ? { ...e, reason: 'FLOOD' } : e });
    if (flooding && socket.connected) {
      this.kick(socket, { code: 'RATE_LIMITED', reason: 'FLOOD', message: 'Kept sending after being refused for its event rate; disconnected' });
    }
  }

  /** An ack that cannot be sent (the socket is gone) is nothing to crash over. */
  private reply(ack: AckFn | undefined, response: Ack): void {
    try {
      ack?.(response);
    } catch (error) {
      this.logger.warn(`ack not sent: ${(error as Error).message}`);
    }
  }

  private holder(socket: TSocket): string {
    return socket.data.clientId ? `client:${socket.data.user.id}:${socket.data.clientId}` : `socket:${socket.id}`;
  }

  /** The provider's, or for a realtime session that fell back, what it uses now. */
  private asrInfo(stats?: Record<string, unknown>): AsrInfo {
    if (this.asr.info.mode !== 'realtime' || stats?.asrMode !== 'windowed') return this.asr.info;
    return { ...this.asr.info, mode: 'windowed', message: `Realtime transcription failed (${String(stats.asrFallback)}); using windowed transcription` };
  }

  /**
   * The caller's role for a join/end. A key that no longer works is told so (API_KEY_EXPIRED,
   * API_KEY_REVOKED); any other refusal is NOT_FOUND, like a session the caller may not see.
   */
  private async tenant(socket: TSocket): Promise<SocketTenant> {
    await this.auth.assertKeyLive(socket.data);
    return this.auth.tenant(socket.data).catch(() => {
      throw new SocketRefusal('NOT_FOUND', 'Session not found');
    });
  }

  private async join(socket: TSocket, payload: unknown): Promise<JoinAck> {
    const { sessionId, lastSeq } = parseJoin(payload);
    this.shutdown.check();
    const tenant = await this.tenant(socket);
    const session = await this.repo.findSession(tenant.workspaceId, sessionId);
    if (!session || !SocketAuthService.can(tenant, 'read', session.user.id)) throw new SocketRefusal('NOT_FOUND', 'Session not found');
    const canStream = SocketAuthService.can(tenant, 'stream', session.user.id);
    // A room and per-socket state per session: bounded, as nothing ever leaves them before disconnect.
    if (!socket.data.joined.has(sessionId) && socket.data.joined.size >= this.options.maxSessionsPerSocket) {
      throw new SocketRefusal('LIMIT_EXCEEDED', `A connection may join at most ${this.options.maxSessionsPerSocket} sessions; open another for more`, 'TOO_MANY_SESSIONS');
    }
    socket.data.joined.set(sessionId, { ownerId: session.user.id, canStream });
    await socket.join(sessionRoom(sessionId));
    const [finals, meta] = await Promise.all([this.repo.finalsAfter(sessionId, lastSeq ?? -1), this.spool.meta(sessionId)]);
    for (const s of finals) {
      socket.emit('segment', {
        sessionId,
        id: s.id,
        kind: 'final',
        text: s.text,
        startMs: s.startMs,
        endMs: s.endMs,
        speaker: s.speaker ? (session.speakerNames[s.speaker] ?? s.speaker) : null,
        speakerLabel: s.speaker ?? null,
        confidence: s.confidence ?? null,
        language: s.language ?? null,
        seq: s.seq,
        windowId: `replay:${s.seq}`,
      });
    }
    return { status: session.status, nextSeq: meta.maxSeq + 1, canStream: canStream && LIVE.has(session.status), asr: this.asrInfo(session.stats) };
  }

  private async chunk(socket: TSocket, payload: unknown): Promise<ChunkAck> {
    const started = performance.now();
    this.shutdown.check();
    const release = socket.data.limiter.begin();
    const stored = this.shutdown.begin();
    try {
      const chunk = parseChunk(payload);
      const joined = socket.data.joined.get(chunk.sessionId);
      if (!joined) throw new SocketRefusal('BAD_REQUEST', 'Join the session (session:join) before streaming to it', 'NOT_JOINED');
      if (!joined.canStream) throw new SocketRefusal('FORBIDDEN', 'Your role lets you watch this session, not stream to it');
      const result = await this.store(socket, chunk);
      switch (result.verdict) {
        case 'LOCKED':
          throw new SocketRefusal('CONFLICT', 'Another client is streaming to this session', 'STREAM_LOCKED');
        case 'ENDED':
          throw new SocketRefusal('INVALID_TRANSITION', 'The session has ended; it takes no more audio', 'SESSION_ENDED');
        case 'LATE':
          throw new SocketRefusal('CONFLICT', 'The transcript went on without this chunk (it came too late); it was not stored', 'TOO_LATE');
        case 'AHEAD':
          throw new SocketRefusal(
            'VALIDATION_FAILED',
            `seq ${chunk.seq} is too far ahead: the session expects seq ${result.nextSeq} and takes at most ${this.options.seqLookahead} beyond it`,
            'SEQ_TOO_FAR',
          );
        case 'FIRST':
          if (await withContext(this.orm, () => this.repo.markRecording(chunk.sessionId))) this.events.status({ sessionId: chunk.sessionId, status: 'recording', asr: this.asrInfo() });
          break;
        case 'OK':
        case 'DUP':
          break;
      }
      this.worker.ensure(chunk.sessionId, result.holder, result.entry);
      const duplicate = result.verdict === 'DUP';
      this.metrics.chunks.inc({ result: duplicate ? 'duplicate' : 'acked' });
      this.metrics.ackLatency.observe((performance.now() - started) / 1000);
      return { seq: chunk.seq, duplicate };
    } finally {
      release();
      stored();
    }
  }

  /**
   * Appends to the spool, refusing at once (retryable) while this process already waits on
   * `spoolMaxPending` appends: an overloaded Redis gets no longer queue, and the chunks it takes
   * are acked in time instead of all of them timing out.
   */
  private async store(socket: TSocket, chunk: ReturnType<typeof parseChunk>): Promise<AppendResult> {
    if (this.pendingAppends >= this.options.spoolMaxPending) {
      throw new SocketRefusal('SERVICE_UNAVAILABLE', 'The audio store is busy; resend this chunk', 'SPOOL_UNAVAILABLE');
    }
    this.pendingAppends++;
    try {
      return await this.spool.append(chunk.sessionId, this.holder(socket), { lockTtlMs: this.options.streamLockTtlMs, lookahead: this.options.seqLookahead }, chunk);
    } catch (error) {
      // Not stored (or not known to be): not acked, and the client may resend — a stored resend is acked as a duplicate.
      this.warnSpoolDown(error);
      throw new SocketRefusal('SERVICE_UNAVAILABLE', 'The audio store is busy or unreachable; resend this chunk', 'SPOOL_UNAVAILABLE');
    } finally {
      this.pendingAppends--;
    }
  }

  private pendingAppends = 0;
  private spoolWarnedAt = 0;

  private warnSpoolDown(error: unknown): void {
    if (Date.now() - this.spoolWarnedAt < 5_000) return;
    this.spoolWarnedAt = Date.now();
    this.logger.warn(`audio spool append failed, chunks refused with SERVICE_UNAVAILABLE: ${(error as Error).message}`);
  }

  private async end(socket: TSocket, payload: unknown): Promise<EndAck> {
    const { sessionId } = parseEnd(payload);
    const tenant = await this.tenant(socket);
    const session = await this.repo.findSession(tenant.workspaceId, sessionId);
    if (!session || !SocketAuthService.can(tenant, 'read', session.user.id)) throw new SocketRefusal('NOT_FOUND', 'Session not found');
    if (!SocketAuthService.can(tenant, 'finalize', session.user.id)) throw new SocketRefusal('FORBIDDEN', 'Your role does not allow ending this session');
    // The same finalization as POST /finalize; it drains the spool first (AudioDrainService).
    const result = await this.sessions.finalize({ ...tenant, role: tenant.role ?? 'viewer' }, sessionId, 'user');
    await this.spool.releaseLock(sessionId, this.holder(socket));
    if (result.finalizedNow) this.events.status({ sessionId, status: result.status });
    const meta = await this.spool.meta(sessionId);
    return { status: result.status, finalizedNow: result.finalizedNow, transcribed: result.transcribed ?? (meta.done || !meta.started) };
  }
}
