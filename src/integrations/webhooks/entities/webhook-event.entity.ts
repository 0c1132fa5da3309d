import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/**
 * The outbox: one row per domain event, written once. Its id is the `webhook-id` of every request
 * that carries it (retries and replays included); `key` makes a repeated publish a no-op.
 */
@Entity({ tableName: 'webhook_event' })
@Unique({ properties: ['workspace', 'key'] })
@Index({ name: 'webhook_event_unqueued_idx', expression: 'create index "webhook_event_unqueued_idx" on "webhook_event" ("created_at") where "enqueued_at" is null' })
export class WebhookEvent {
  [OptionalProps]?: 'createdAt' | 'enqueuedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade', index: false })
  workspace!: Rel<Workspace>;

  @Property({ type: 'string', length: 64 })
  type!: string;

  @Property({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  data!: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  /** Set once its delivery jobs are queued; the sweep queues the rows a crash left unset. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  enqueuedAt?: Date;
}
