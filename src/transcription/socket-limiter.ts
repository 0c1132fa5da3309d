import { SocketRefusal } from './socket-error.js';

export interface SocketLimits {
  /** Sustained events per second per socket (token bucket refill). */
  eventsPerSecond: number;
  /** Bucket size: the burst a socket may send at once. */
  burst: number;
  /** Chunks received but not yet acked: the backpressure bound. */
  maxInFlight: number;
}

/** Per-socket token bucket plus an in-flight counter; refusals carry RATE_LIMITED with a reason. */
export class SocketLimiter {
  private tokens: number;
  private last: number;
  private inFlight = 0;

  constructor(
    private readonly limits: SocketLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = now();
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Takes a token; throws when the socket is over its rate. */
  take(): void {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((t - this.last) / 1000) * this.limits.eventsPerSecond);
    this.last = t;
    if (this.tokens < 1) throw new SocketRefusal('RATE_LIMITED', `More than ${this.limits.eventsPerSecond} events per second; slow down`, 'RATE');
    this.tokens -= 1;
  }

  /** Reserves an in-flight slot; the returned function releases it (call once, when the ack is sent). */
  begin(): () => void {
    if (this.inFlight >= this.limits.maxInFlight) {
      throw new SocketRefusal('RATE_LIMITED', `More than ${this.limits.maxInFlight} chunks awaiting their ack; wait for acks before sending more`, 'IN_FLIGHT');
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (!released) this.inFlight--;
      released = true;
    };
  }
}
