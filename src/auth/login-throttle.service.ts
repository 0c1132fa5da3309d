import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { RedisService } from '../redis/redis.service.js';

const WINDOW_SECONDS = 60;

/**
 * Counts failed sign-ins per IP and per account in Redis (shared by every api process);
 * past the limit both are refused with 429 until the window passes. Success does not reset
 * the IP counter, so one valid account cannot be used to launder guesses at others.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly redis: RedisService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  private keys(ip: string, email: string): [string, string] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    return [this.redis.key('login-fail', 'ip', ip), this.redis.key('login-fail', 'acct', account)];
  }

  async assertAllowed(ip: string, email: string): Promise<void> {
    const keys = this.keys(ip, email);
    const counts = await this.redis.client.mget(...keys);
    const limited = counts.findIndex((c) => Number(c ?? 0) >= this.config.loginFailuresPerMinute);
    if (limited >= 0) {
      const ttl = await this.redis.client.ttl(keys[limited]);
      throw new MinaException('RATE_LIMITED', 'Too many failed sign-ins; try again later', {
        retryAfterSeconds: ttl > 0 ? ttl : WINDOW_SECONDS,
      });
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const multi = this.redis.client.multi();
    for (const key of this.keys(ip, email)) multi.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    await multi.exec();
  }

  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.redis.client.del(this.keys(ip, email)[1]);
  }
}
