import { Inject, Injectable } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { WindowCounters } from '#src/redis/window-counters.js';

const MINUTE = 60;

/**
 * Questions and retrievals per user and minute (MINA_ASK_RATE_PER_MINUTE), counted in Redis so
 * every api process shares the budget: each costs full-text scans and usually an LLM call.
 */
@Injectable()
export class AskRateLimiter {
  constructor(
    private readonly counters: WindowCounters,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async take(userId: string): Promise<void> {
    const limit = this.config.ask.ratePerMinute;
    await this.counters.take(
      `ask:user:${userId}`,
      MINUTE,
      limit,
      `At most ${limit} questions a minute; try again shortly`,
    );
  }
}
