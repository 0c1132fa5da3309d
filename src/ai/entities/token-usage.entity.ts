import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/** Tokens one LLM request used, charged to the workspace whose meeting it served (append-only). */
@Entity({ tableName: 'token_usage' })
@Index({ name: 'token_usage_workspace_created_idx', expression: 'create index "token_usage_workspace_created_idx" on "token_usage" ("workspace_id", "created_at" desc)' })
export class TokenUsage extends BaseEntity<'sessionId' | 'provider'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Property({ type: 'uuid', nullable: true })
  sessionId?: string;

  @Property({ type: 'string', length: 50 })
  purpose!: string;

  @Property({ type: 'string', length: 100 })
  model!: string;

  /** The provider of the LLM chain that answered (MINA_LLM_PROVIDERS name; `default` for the single-endpoint settings). */
  @Property({ type: 'string', length: 40, nullable: true })
  provider?: string;

  @Property({ type: 'integer' })
  promptTokens!: number;

  @Property({ type: 'integer' })
  completionTokens!: number;

  @Property({ type: 'integer' })
  totalTokens!: number;
}
