import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

@Entity({ tableName: 'audit_log' })
@Index({ name: 'audit_log_workspace_at_idx', expression: 'create index "audit_log_workspace_at_idx" on "audit_log" ("workspace_id", "at" desc)' })
@Index({ properties: ['target', 'at'] })
@Index({ name: 'audit_log_at_idx', expression: 'create index "audit_log_at_idx" on "audit_log" ("at" desc)' })
@Index({ name: 'audit_log_action_at_idx', expression: 'create index "audit_log_action_at_idx" on "audit_log" ("action" text_pattern_ops, "at" desc)' })
export class AuditLog extends BaseEntity<'actor' | 'workspace' | 'ip' | 'data' | 'at' | 'target'> {
  @Index()
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: User;

  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  target?: string;

  @ManyToOne(() => Workspace, { nullable: true, deleteRule: 'set null' })
  workspace?: Workspace;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'json', columnType: 'jsonb' })
  data: Record<string, unknown> = {};
}
