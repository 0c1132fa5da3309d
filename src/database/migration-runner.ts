import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Connects eagerly (terminus would otherwise report "not connected" until the first query)
 * and brings the schema up to date. Several processes may start at once against one
 * PostgreSQL; the loser of a race re-checks and continues when nothing is left pending.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    await this.orm.connect();
    await this.migrate();
  }

  async migrate(): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await this.orm.migrator.up();
        if (done.length > 0) this.logger.log(`Applied migrations: ${done.map((m) => m.name).join(', ')}`);
        return done.map((m) => m.name);
      } catch (error) {
        await sleep(250 * attempt);
        const pending = await this.orm.migrator.getPending().catch(() => [{ name: '?' }]);
        if (pending.length === 0) return [];
        if (attempt >= 5) throw error;
      }
    }
  }

  async pending(): Promise<string[]> {
    return (await this.orm.migrator.getPending()).map((m) => m.name);
  }
}
