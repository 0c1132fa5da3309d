import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';

/** The shared Redis connection and the key namespace every Mina key lives under. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private readonly extra: Redis[] = [];

  constructor(@Inject(MINA_CONFIG) private readonly config: MinaConfig) {
    this.client = this.create('main');
  }

  /** Options for connections used on request paths: fail fast instead of queueing forever. */
  private options(name: string): RedisOptions {
    return {
      connectionName: `mina:${name}`,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      commandTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      lazyConnect: false,
    };
  }

  private create(name: string): Redis {
    const client = new Redis(this.config.redisUrl, this.options(name));
    client.on('error', (err: Error) => this.logger.debug(`redis ${name}: ${err.message}`));
    return client;
  }

  /** A separate connection (subscribers and blocking commands need their own). */
  duplicate(name: string): Redis {
    const client = this.create(name);
    this.extra.push(client);
    return client;
  }

  /** Connected and ready: request paths that can do without Redis check this instead of queueing behind reconnection. */
  get available(): boolean {
    return this.client.status === 'ready';
  }

  key(...parts: (string | number)[]): string {
    return [this.config.redisPrefix, ...parts].join(':');
  }

  async ping(timeoutMs = 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer in time')), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.client, ...this.extra].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
