import { Injectable } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import { LuaScript } from './lua-script.js';
import { RedisBatch } from '#src/redis/redis-batch.js';

const RENEW = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`,
  1,
);
const RELEASE = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1);

/** Expiring ownership in Redis: whoever holds the key does the work; it lapses when its holder dies. */
@Injectable()
export class LeaseService {
  /** Every session's heartbeat renews in one pipeline. */
  private readonly batch: RedisBatch;

  constructor(private readonly redis: RedisService) {
    this.batch = new RedisBatch(redis.client);
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.client.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await RENEW.runBatched<number>(this.batch, this.redis.client, [key], [owner, ttlMs])) === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await RELEASE.run(this.redis.client, [key], [owner]);
  }

  holder(key: string): Promise<string | null> {
    return this.redis.client.get(key);
  }
}
