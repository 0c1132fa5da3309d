import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEvent } from './webhook-event.entity.js';

/** One request to an endpoint (an attempt), as logged for the delivery history and replay. */
@Entity({ tableName: 'webhook_delivery' })
@Index({ properties: ['endpoint', 'requestedAt'] })
export class WebhookDelivery {
  [OptionalProps]?: 'status' | 'error' | 'replay';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade', index: false })
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => WebhookEvent, { deleteRule: 'cascade' })
  event!: Rel<WebhookEvent>;

  @Property({ type: 'integer' })
  attempt!: number;

  /** True for the attempts of a replay asked by a user. */
  @Property({ type: 'boolean' })
  replay: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'integer', nullable: true })
  status?: number;

  @Property({ type: 'integer' })
  latencyMs!: number;

  @Property({ type: 'string', length: 1000, nullable: true })
  error?: string;

  @Property({ type: 'boolean' })
  success!: boolean;
}
