import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/** A URL a workspace wants its events sent to, with its signing secret (encrypted at rest). */
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['workspace', 'createdAt'] })
export class WebhookEndpoint extends BaseEntity<'description' | 'enabled' | 'consecutiveFailures' | 'disabledAt' | 'disabledReason' | 'createdBy'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade', index: false })
  workspace!: Rel<Workspace>;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description?: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  events!: string[];

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** AES-256-GCM of the `whsec_…` secret: iv.tag.ciphertext, base64url (see secret-box.ts). */
  @Property({ type: 'text', lazy: true })
  secretCipher!: string;

  /** Failed requests in a row; reaching MINA_WEBHOOK_DISABLE_AFTER disables the endpoint. */
  @Property({ type: 'integer' })
  consecutiveFailures: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  disabledAt?: Date;

  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null', index: false })
  createdBy?: Rel<User>;
}
