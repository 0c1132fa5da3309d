import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { RedisService } from '#src/redis/redis.service.js';

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * The two single-use facts of an SSO sign-in, in Redis so that every api process agrees:
 * a state already used at the callback, and the one-time handoff code the console trades for
 * tokens. Keys hold hashes, never the secrets, and expire on their own.
 */
@Injectable()
export class SignInTicketsStore {
  constructor(private readonly redis: RedisService) {}

  /** True the first time a state is presented; false on any replay within its lifetime. */
  async burnState(state: string, ttlSeconds: number): Promise<boolean> {
    const set = await this.redis.client.set(this.redis.key('oidc', 'state', sha256(state)), '1', 'EX', ttlSeconds, 'NX');
    return set === 'OK';
  }

  /** A fresh handoff code for this user, redeemable once within `ttlSeconds`. */
  async issueHandoff(userId: string, ttlSeconds: number): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.redis.client.set(this.redis.key('oidc', 'handoff', sha256(code)), userId, 'EX', ttlSeconds);
    return code;
  }

  /** The user the code was issued for, once; null when unknown, expired or already redeemed. */
  async redeemHandoff(code: string): Promise<string | null> {
    if (code.length === 0 || code.length > 100) return null;
    return this.redis.client.getdel(this.redis.key('oidc', 'handoff', sha256(code)));
  }
}
