import { Injectable, Logger } from '@nestjs/common';
import { MinaException } from '#src/common/mina.exception.js';
import { MemoryWindows } from './memory-windows.js';
import { RedisService } from './redis.service.js';

export interface WindowHit {
  key: string;
  windowSeconds: number;
}

export interface WindowCount {
  count: number;
  /** Seconds until the window ends; 0 when none is open. */
  ttlSeconds: number;
}

/**
 * Fixed-window counters (sign-in failures, registrations) shared by every process through Redis.
 * While Redis is unreachable they fall back to this process's memory, so a Redis outage loosens
 * the limits to per-process ones instead of failing every request; they go back to Redis as soon
 * as it answers again. Keys are given without the Redis prefix.
 */
@Injectable()
export class WindowCounters {
  private readonly logger = new Logger(WindowCounters.name);
  private readonly memory = new MemoryWindows();
  private degraded = false;

  constructor(private readonly redis: RedisService) {}

  async peek(keys: string[]): Promise<WindowCount[]> {
    return this.withFallback(
      async () => {
        const multi = this.redis.client.multi();
        for (const key of keys) multi.get(this.redis.key(key)).ttl(this.redis.key(key));
        const replies = await this.exec(multi);
        return keys.map((_, i) => ({
          count: Number(replies[2 * i] ?? 0),
          ttlSeconds: Math.max(0, Number(replies[2 * i + 1])),
        }));
      },
      () => keys.map((key) => this.memory.peek(key)),
    );
  }

  /** Adds one to each window (opening it when none is open) and returns the counts after. */
  async hit(hits: WindowHit[]): Promise<WindowCount[]> {
    return this.withFallback(
      async () => {
        const multi = this.redis.client.multi();
        for (const { key, windowSeconds } of hits)
          multi
            .incr(this.redis.key(key))
            .expire(this.redis.key(key), windowSeconds, 'NX')
            .ttl(this.redis.key(key));
        const replies = await this.exec(multi);
        return hits.map((_, i) => ({
          count: Number(replies[3 * i]),
          ttlSeconds: Math.max(0, Number(replies[3 * i + 2])),
        }));
      },
      () => hits.map(({ key, windowSeconds }) => this.memory.hit(key, windowSeconds)),
    );
  }

  /**
   * A rate limit: adds one to the window, and past `limit` refuses with 429 RATE_LIMITED whose
   * Retry-After is the rest of the window.
   */
  async take(key: string, windowSeconds: number, limit: number, message: string): Promise<void> {
    const [hit] = await this.hit([{ key, windowSeconds }]);
    if (hit.count > limit)
      throw new MinaException('RATE_LIMITED', message, {
        retryAfterSeconds: hit.ttlSeconds || windowSeconds,
      });
  }

  async reset(keys: string[]): Promise<void> {
    for (const key of keys) this.memory.reset(key);
    await this.withFallback(
      async () => {
        await this.redis.client.del(...keys.map((k) => this.redis.key(k)));
      },
      () => undefined,
    );
  }

  private async exec(multi: ReturnType<RedisService['client']['multi']>): Promise<unknown[]> {
    const results = (await multi.exec()) ?? [];
    return results.map(([error, reply]) => {
      if (error) throw error;
      return reply;
    });
  }

  private async withFallback<T>(viaRedis: () => Promise<T>, inMemory: () => T): Promise<T> {
    // Not connected: do not queue behind reconnection attempts on a request path.
    if (this.redis.available) {
      try {
        const result = await viaRedis();
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis answers again: rate-limit counters are shared again');
        }
        return result;
      } catch (error) {
        this.degrade(error as Error);
      }
    } else {
      this.degrade(new Error(`connection ${this.redis.client.status}`));
    }
    return inMemory();
  }

  private degrade(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      `Redis unreachable (${error.message}): rate-limit counters are per process until it returns`,
    );
  }
}
