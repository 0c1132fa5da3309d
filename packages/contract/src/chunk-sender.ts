/*
 * The client side of `audio:chunk`: how a streaming client keeps audio safe across refusals,
 * timeouts and reconnects. The console streams with it and the gateway benchmark loads the server
 * with it, so what the benchmark measures is what the console does.
 */
import type { Ack, AudioChunkPayload, ChunkAck, SocketError } from './socket.js';

export interface SenderStats {
  queued: number;
  inFlight: number;
  sent: number;
  acked: number;
  retries: number;
  /** Refused for good with reason TOO_LATE: the server's transcript went on without them. */
  late: number;
  /** Highest seq such that it and every seq before it are acked. */
  lastAckedSeq: number | null;
}

/** What the sender needs of a Socket.IO client socket on /transcription. */
export interface ChunkSocket {
  readonly connected: boolean;
  timeout(ms: number): {
    emitWithAck(event: 'audio:chunk', payload: AudioChunkPayload): Promise<Ack<ChunkAck>>;
  };
}

/** One answer to one send: the server's ack, or null when none came within the ack timeout. */
export interface ChunkAnswer {
  seq: number;
  ack: Ack<ChunkAck> | null;
  /** From this send to its answer. */
  elapsedMs: number;
}

export interface ChunkSenderOptions {
  onStats?: (stats: SenderStats) => void;
  /** The server refused a chunk for a reason resending cannot cure; the sender has stopped. */
  onFatal?: (error: SocketError) => void;
  /** Every answer, as it comes (measurements). */
  onAnswer?: (answer: ChunkAnswer) => void;
  /** How long a send waits for its ack before it counts as lost and is resent. */
  ackTimeoutMs?: number;
  /** Unacknowledged sends at once. */
  maxInFlight?: number;
  /** The pause after a refusal or a missing ack, doubling up to backoffMaxMs (equal jitter). */
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

/** Error codes that will not get better by resending. */
const FATAL: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
]);

const DEFAULTS = { ackTimeoutMs: 10_000, maxInFlight: 4, backoffMinMs: 250, backoffMaxMs: 5_000 };

interface Chunk {
  seq: number;
  data: ArrayBuffer | Uint8Array;
  sampleRate: number;
}

/**
 * Sends audio chunks in seq order with a small window of unacknowledged sends. A chunk
 * leaves the queue only when the server acks it (acks mean "durable"); timeouts and
 * transient errors resend it, and after a reconnect the server's nextSeq tells which
 * chunks it already holds. Resends are safe: the server dedups by (sessionId, seq).
 */
export class ChunkSender {
  private queue: Chunk[] = [];
  private inFlight = new Set<number>();
  private nextSeq: number;
  private stats: SenderStats = {
    queued: 0,
    inFlight: 0,
    sent: 0,
    acked: 0,
    retries: 0,
    late: 0,
    lastAckedSeq: null,
  };
  private ready = false;
  private stopped = false;
  private readonly options: Required<Pick<ChunkSenderOptions, keyof typeof DEFAULTS>> & ChunkSenderOptions;
  private backoffMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly socket: ChunkSocket,
    private readonly sessionId: string,
    firstSeq: number,
    options: ChunkSenderOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.backoffMs = this.options.backoffMinMs;
    this.nextSeq = firstSeq;
    this.stats.lastAckedSeq = firstSeq > 0 ? firstSeq - 1 : null;
  }

  push(data: ArrayBuffer | Uint8Array, sampleRate: number): void {
    if (this.stopped) return;
    this.queue.push({ seq: this.nextSeq++, data, sampleRate });
    this.pump();
  }

  /** After (re)joining: the server holds every chunk below `serverNextSeq`. */
  resume(serverNextSeq: number): void {
    this.queue = this.queue.filter((c) => c.seq >= serverNextSeq);
    if (serverNextSeq > this.nextSeq) this.nextSeq = serverNextSeq;
    this.inFlight.clear();
    this.ready = true;
    this.backoffMs = this.options.backoffMinMs;
    this.pump();
  }

  pause(): void {
    this.ready = false;
    this.inFlight.clear();
    this.report();
  }

  get lastAckedSeq(): number | null {
    return this.stats.lastAckedSeq;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves true once every pushed chunk is acked, false on timeout. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.queue.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private report(): void {
    this.stats = { ...this.stats, queued: this.queue.length, inFlight: this.inFlight.size };
    this.options.onStats?.(this.stats);
    if (this.queue.length === 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    this.stats.retries += 1;
    // Equal jitter: clients refused together (a server at capacity, a restart) do not come back in step.
    const delayMs = this.backoffMs / 2 + Math.random() * (this.backoffMs / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, delayMs);
    this.backoffMs = Math.min(this.options.backoffMaxMs, this.backoffMs * 2);
  }

  private pump(): void {
    if (this.stopped || !this.ready || !this.socket.connected || this.retryTimer) {
      this.report();
      return;
    }
    for (const chunk of this.queue) {
      if (this.inFlight.size >= this.options.maxInFlight) break;
      if (this.inFlight.has(chunk.seq)) continue;
      this.send(chunk);
    }
    this.report();
  }

  private send(chunk: Chunk): void {
    this.inFlight.add(chunk.seq);
    this.stats.sent += 1;
    const sentAt = performance.now();
    const answered = (ack: Ack<ChunkAck> | null) =>
      this.options.onAnswer?.({ seq: chunk.seq, ack, elapsedMs: performance.now() - sentAt });
    this.socket
      .timeout(this.options.ackTimeoutMs)
      .emitWithAck('audio:chunk', {
        sessionId: this.sessionId,
        seq: chunk.seq,
        format: 'pcm16',
        sampleRate: chunk.sampleRate,
        data: chunk.data,
      })
      .then(
        (ack) => {
          this.inFlight.delete(chunk.seq);
          answered(ack);
          if (ack.ok) {
            this.settled(chunk.seq, 'acked');
          } else if (ack.error.reason === 'TOO_LATE') {
            // The transcript went on without this chunk; resending cannot place it any more.
            this.settled(chunk.seq, 'late');
          } else if (FATAL.has(ack.error.code)) {
            this.stop();
            this.options.onFatal?.(ack.error);
          } else {
            this.scheduleRetry();
          }
          this.pump();
        },
        () => {
          // No ack in time: keep the chunk and resend (the server dedups).
          this.inFlight.delete(chunk.seq);
          answered(null);
          this.scheduleRetry();
          this.pump();
        },
      );
  }

  /** The chunk leaves the queue: stored (acked), or refused for good as too late. */
  private settled(seq: number, outcome: 'acked' | 'late'): void {
    const before = this.queue.length;
    this.queue = this.queue.filter((c) => c.seq !== seq);
    if (this.queue.length < before) this.stats[outcome] += 1;
    this.backoffMs = this.options.backoffMinMs;
    const lowestPending = this.queue.length ? this.queue[0].seq : this.nextSeq;
    this.stats.lastAckedSeq = lowestPending - 1;
  }
}
