import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { ApiKeyScope } from '#src/auth/api-key-grant.js';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/**
 * A personal API key: a user's credential for scripts and integrations, bound to one workspace.
 * The key itself is never stored, only its SHA-256; `lookup` (the public part after `mina_`) finds
 * the row through its unique index.
 */
@Entity({ tableName: 'api_key' })
@Index({ properties: ['user', 'createdAt'] })
export class ApiKey extends BaseEntity<'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'lastUsedIp'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 12, unique: true })
  lookup!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;

  @Property({ type: 'string', length: 4 })
  lastChars!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  scopes!: ApiKeyScope[];

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  lastUsedIp?: string | null;
}
