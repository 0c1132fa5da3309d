import type { Logger } from '@nestjs/common';
import { backoffDelay, sleep } from '#src/resilience/retry.js';

/** A thousand processors waiting out one Redis restart must not come back in step. */
const BACKOFF = { baseMs: 100, maxMs: 2_000 };

/**
 * Retries a processor's Redis call through timeouts and dropped connections (an overloaded or
 * restarting Redis) instead of ending the processor, whose replacement would start over with a
 * replay and make the overload worse. Warns at most every 10 s; stops only when `signal` aborts.
 */
export class RedisRetry {
  private warnedAt = 0;

  constructor(
    private readonly logger: Logger,
    private readonly prefix: string,
    private readonly signal: AbortSignal,
  ) {}

  async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (this.signal.aborted) throw error;
        this.warn(what, error as Error);
        await sleep(backoffDelay(attempt, BACKOFF), this.signal);
      }
    }
  }

  warn(what: string, error: Error): void {
    if (Date.now() - this.warnedAt < 10_000) return;
    this.warnedAt = Date.now();
    this.logger.warn(`${this.prefix}: ${what} failed, retrying: ${error.message}`);
  }
}
