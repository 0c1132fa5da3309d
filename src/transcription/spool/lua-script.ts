import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisBatch } from '#src/redis/redis-batch.js';

type Arg = string | number | Buffer;

/** A Lua script run by EVALSHA, loaded on first NOSCRIPT (so a Redis restart is survived). */
export class LuaScript {
  private readonly sha: string;

  constructor(
    private readonly source: string,
    private readonly keys: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run<T = unknown>(redis: Redis, keys: string[], args: Arg[]): Promise<T> {
    this.check(keys);
    try {
      return (await redis.evalsha(this.sha, this.keys, ...keys, ...args)) as T;
    } catch (error) {
      if (!(error as Error).message?.includes('NOSCRIPT')) throw error;
      return (await redis.eval(this.source, this.keys, ...keys, ...args)) as T;
    }
  }

  /** The same, sent in the current batch's pipeline. */
  async runBatched<T = unknown>(batch: RedisBatch, redis: Redis, keys: string[], args: Arg[]): Promise<T> {
    this.check(keys);
    try {
      return await batch.run<T>((p) => p.evalsha(this.sha, this.keys, ...keys, ...args));
    } catch (error) {
      if (!(error as Error).message?.includes('NOSCRIPT')) throw error;
      return this.run<T>(redis, keys, args);
    }
  }

  private check(keys: string[]): void {
    if (keys.length !== this.keys) throw new Error(`script expects ${this.keys} keys, got ${keys.length}`);
  }
}
