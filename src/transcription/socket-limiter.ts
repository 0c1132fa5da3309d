import { SocketRefusal } from './socket-error.js';

export interface SocketLimits {
  /** Sustained events per second per socket (token bucket refill). */
  eventsPerSecond: number;
  /** Bucket size: the burst a socket may send at once. */
  burst: number;
  /** Chunks received but not yet acked: the backpressure bound. */
  maxInFlight: number;
  /** Other events (join, end) received but not yet acked: each holds a unit of work and database queries. */
  maxPending: number;
  /** Refusals for rate within `floodWindowMs` after which the socket is disconnected (FLOOD). */
  floodRefusals: number;
  floodWindowMs: number;
}

export type PendingKind = 'chunk' | 'control';

/**
 * Per-socket token bucket plus in-flight counters; refusals carry RATE_LIMITED with a reason.
 * A client that follows the refusals (waits, resends) never gets near `floodRefusals`; one that
 * keeps sending regardless is told to go (`flooding`) instead of costing a refusal per event forever.
 */
export class SocketLimiter {
  private tokens: number;
  private last: number;
  private readonly inFlight: Record<PendingKind, number> = { chunk: 0, control: 0 };
  private refusals = 0;
  private refusalsSince: number;

  constructor(
    private readonly limits: SocketLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = now();
    this.refusalsSince = this.last;
  }

  get pending(): number {
    return this.inFlight.chunk + this.inFlight.control;
  }

  /** True once the socket was refused for rate more than `floodRefusals` times within `floodWindowMs`. */
  get flooding(): boolean {
    return this.refusals > this.limits.floodRefusals;
  }

  /** Takes a token; throws when the socket is over its rate. */
  take(): void {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((t - this.last) / 1000) * this.limits.eventsPerSecond);
    this.last = t;
    if (this.tokens < 1) {
      if (t - this.refusalsSince > this.limits.floodWindowMs) {
        this.refusals = 0;
        this.refusalsSince = t;
      }
      this.refusals++;
      throw new SocketRefusal('RATE_LIMITED', `More than ${this.limits.eventsPerSecond} events per second; slow down`, 'RATE');
    }
    this.tokens -= 1;
  }

  /** Reserves an in-flight slot; the returned function releases it (call once, when the ack is sent). */
  begin(kind: PendingKind = 'chunk'): () => void {
    const max = kind === 'chunk' ? this.limits.maxInFlight : this.limits.maxPending;
    if (this.inFlight[kind] >= max) {
      const what = kind === 'chunk' ? 'chunks' : 'session:join/session:end events';
      throw new SocketRefusal('RATE_LIMITED', `More than ${max} ${what} awaiting their ack; wait for acks before sending more`, 'IN_FLIGHT');
    }
    this.inFlight[kind]++;
    let released = false;
    return () => {
      if (!released) this.inFlight[kind]--;
      released = true;
    };
  }
}
