import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { WindowCounters } from '../redis/window-counters.js';

const MINUTE = 60;
const HOUR = 3600;

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * Sign-in and registration abuse limits, counted in Redis (shared by every api process; per
 * process while Redis is down). Failed sign-ins are counted per (account, client), per account
 * and per client. Behind a proxy many people share one client address, so the per-client
 * ceiling is far above the others: one person's typos never lock out the office, while
 * guessing at one account (from anywhere) and spraying many accounts (from one client) are
 * still stopped. Success does not reset the client counter, so one valid account cannot
 * launder guesses at others.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly counters: WindowCounters,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  private loginKeys(ip: string, email: string): { key: string; limit: number }[] {
    const account = digest(email.trim().toLowerCase());
    const { accountFailuresPerMinute, clientFailuresPerMinute } = this.config.authLimits;
    return [
      { key: `login-fail:pair:${account}:${digest(ip)}`, limit: this.config.loginFailuresPerMinute },
      { key: `login-fail:acct:${account}`, limit: accountFailuresPerMinute },
      { key: `login-fail:ip:${ip}`, limit: clientFailuresPerMinute },
    ];
  }

  /** Checked before the password is: a refused attempt costs no hash and tells nothing. */
  async assertAllowed(ip: string, email: string): Promise<void> {
    const keys = this.loginKeys(ip, email);
    const counts = await this.counters.peek(keys.map((k) => k.key));
    const limited = counts.find((c, i) => c.count >= keys[i].limit);
    if (limited) {
      throw new MinaException('RATE_LIMITED', 'Too many failed sign-ins; try again later', {
        retryAfterSeconds: limited.ttlSeconds || MINUTE,
      });
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await this.counters.hit(this.loginKeys(ip, email).map(({ key }) => ({ key, windowSeconds: MINUTE })));
  }

  async recordSuccess(ip: string, email: string): Promise<void> {
    const [pair, account] = this.loginKeys(ip, email);
    await this.counters.reset([pair.key, account.key]);
  }

  /**
   * Every registration attempt counts (each costs a password hash), per client and then
   * instance-wide; attempts one client had refused do not use up everyone else's budget.
   */
  async assertRegistrationAllowed(ip: string): Promise<void> {
    const { registrationsPerClientPerHour, registrationsPerMinute } = this.config.authLimits;
    for (const [key, windowSeconds, limit] of [
      [`register:ip:${ip}`, HOUR, registrationsPerClientPerHour],
      ['register:all', MINUTE, registrationsPerMinute],
    ] as const) {
      await this.counters.take(key, windowSeconds, limit, 'Too many registrations; try again later');
    }
  }
}
