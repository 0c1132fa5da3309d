import type { Logger } from '@nestjs/common';
import { sleep } from '#src/resilience/retry.js';

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
        await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 4)), this.signal);
      }
    }
  }

  warn(what: string, error: Error): void {
    if (Date.now() - this.warnedAt < 10_000) return;
    this.warnedAt = Date.now();
    this.logger.warn(`${this.prefix}: ${what} failed, retrying: ${error.message}`);
  }
}
