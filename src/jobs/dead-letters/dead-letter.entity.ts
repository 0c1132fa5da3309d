import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';

/** A job that exhausted its attempts. Kept in PostgreSQL so it outlives Redis retention. */
@Entity({ tableName: 'dead_letter' })
@Index({ name: 'dead_letter_failed_at_idx', expression: 'create index "dead_letter_failed_at_idx" on "dead_letter" ("failed_at" desc)' })
export class DeadLetter extends BaseEntity<'sessionId' | 'workspaceId' | 'stack' | 'data'> {
  @Index()
  @Property({ type: 'string', length: 100 })
  queue!: string;

  @Property({ type: 'string', length: 100 })
  jobName!: string;

  @Property({ type: 'string', length: 200 })
  jobId!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  sessionId?: string;

  @Property({ type: 'uuid', nullable: true })
  workspaceId?: string;

  @Property({ type: 'text' })
  error!: string;

  @Property({ type: 'text', nullable: true })
  stack?: string;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'json', columnType: 'jsonb' })
  data: Record<string, unknown> = {};

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  failedAt!: Date;
}
