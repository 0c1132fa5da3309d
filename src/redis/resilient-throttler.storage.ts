import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { RedisService } from './redis.service.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The API rate limit's storage: Redis (shared by every api process, keys under MINA_REDIS_PREFIX)
 * while it answers, this process's memory while it does not. The throttler guard sits in front
 * of every route, so a Redis outage must loosen the limit, not turn every request into a 500.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(ResilientThrottlerStorage.name);
  // The library's script (atomic INCR + block), run on our keys: its own key format has no prefix.
  private readonly script = ThrottlerStorageRedisService.prototype.getScriptSrc.call(undefined);
  private readonly memory = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly redis: RedisService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.available) {
      try {
        const record = await this.viaRedis(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis answers again: the API rate limit is shared again');
        }
        return record;
      } catch (error) {
        this.degrade((error as Error).message);
      }
    } else {
      this.degrade(`connection ${this.redis.client.status}`);
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }

  private async viaRedis(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    // The {hash tag} keeps both keys of one counter in one Redis Cluster slot.
    const base = this.redis.key('throttle', `{${key}:${throttlerName}}`);
    const reply = await this.redis.client.call('eval', this.script, 2, `${base}:hits`, `${base}:blocked`, throttlerName, ttl, limit, blockDuration);
    if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((n) => typeof n === 'number')) {
      throw new TypeError(`Unexpected throttler reply ${JSON.stringify(reply)}`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = reply;
    return { totalHits, timeToExpire: Math.ceil(timeToExpire / 1000), isBlocked: isBlocked === 1, timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000) };
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis unreachable (${reason}): the API rate limit is per process until it returns`);
  }
}
