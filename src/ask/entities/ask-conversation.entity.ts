import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';

/** One user's thread of questions in one workspace; only its owner ever sees it. */
@Entity({ tableName: 'ask_conversation' })
@Index({ properties: ['user', 'workspace', 'updatedAt'] })
export class AskConversation extends BaseEntity {
  @ManyToOne(() => User, { deleteRule: 'cascade', index: false })
  user!: User;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  /** The first question, cut to fit. */
  @Property({ type: 'string', length: 200 })
  title!: string;
}
