import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobQueues } from '#src/jobs/job-queues.js';
import type { DomainEvent, WebhookEventSink } from './webhook-events.port.js';


type Connection = ReturnType<EntityManager['getConnection']>;

/** Raw rows, typed by the caller (the driver returns them untyped). */
export async function select<T>(conn: Connection, sql: string, params: unknown[]): Promise<T[]> {
  return (await conn.execute(sql, params)) as T[];
}

/** BullMQ ids may not contain ':'; ours are uuids and dashes. */
export const deliveryJobId = (eventId: string, endpointId: string, attempt: number, replay?: string): string =>
  `wh-${eventId}-${endpointId}${replay ? `-rp-${replay}` : ''}-${attempt}`;

/**
 * Writes each domain event once (the outbox row's id is its `webhook-id`) and queues one delivery
 * job per subscribed endpoint under a deterministic id. A crash between the two is repaired by
 * the sweep (`enqueued_at` stays null).
 */
@Injectable()
export class WebhookOutbox implements WebhookEventSink {
  private readonly logger = new Logger(WebhookOutbox.name);

  constructor(
    private readonly em: EntityManager,
    private readonly queues: JobQueues,
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    try {
      const em = this.em.fork();
      // A workspace with no endpoint for this type keeps no outbox rows.
      const endpoints = await this.subscribers(em, event.workspaceId, event.type);
      if (endpoints.length === 0) return;
      const rows = await select<{ id: string }>(
        em.getConnection(),
        `insert into "webhook_event" ("id", "workspace_id", "type", "key", "data", "created_at") values (?, ?, ?, ?, ?::jsonb, now())
         on conflict ("workspace_id", "key") do nothing returning "id"`,
        [randomUUID(), event.workspaceId, event.type, event.key.slice(0, 300), JSON.stringify(event.data)],
      );
      if (rows.length === 0) return;
      await this.enqueue(em, rows[0].id, event.workspaceId, event.type, endpoints);
    } catch (error) {
      // The pipeline and the API go on: a missed notification must not fail the action it reports.
      this.logger.warn(`Could not record webhook event ${event.type} (${event.key}): ${(error as Error).message}`);
    }
  }

  /** Queues the event to every endpoint subscribed now (or to `endpoints`), then marks it queued. Idempotent. */
  async enqueue(em: EntityManager, eventId: string, workspaceId: string, type: string, endpoints?: string[]): Promise<void> {
    for (const id of endpoints ?? (await this.subscribers(em, workspaceId, type))) await this.add({ eventId, endpointId: id, attempt: 1 });
    await em.getConnection().execute(`update "webhook_event" set "enqueued_at" = now() where "id" = ?`, [eventId]);
  }

  private async subscribers(em: EntityManager, workspaceId: string, type: string): Promise<string[]> {
    const rows = await select<{ id: string }>(
      em.getConnection(),
      `select "id" from "webhook_endpoint" where "workspace_id" = ? and "enabled" and "disabled_at" is null and "events" @> ?::jsonb`,
      [workspaceId, JSON.stringify([type])],
    );
    return rows.map((r) => r.id);
  }

  async add(data: { eventId: string; endpointId: string; attempt: number; replayOf?: string }, delayMs = 0): Promise<void> {
    await this.queues.add('deliver-webhook', data, { jobId: deliveryJobId(data.eventId, data.endpointId, data.attempt, data.replayOf), delay: delayMs });
  }

  /** Replays reuse the event (same webhook-id) under a fresh token, so every replay is sent. */
  replay(eventId: string, endpointId: string): Promise<void> {
    return this.add({ eventId, endpointId, attempt: 1, replayOf: randomUUID() });
  }
}
