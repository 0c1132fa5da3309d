import { Entity, Enum, Index, ManyToOne, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from './workspace.entity.js';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@mina/contract/records';

export { WORKSPACE_ROLES, type WorkspaceRole };

@Entity({ tableName: 'membership' })
@Unique({ properties: ['workspace', 'user'] })
export class Membership extends BaseEntity {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => [...WORKSPACE_ROLES], nativeEnumName: undefined })
  role!: WorkspaceRole;
}
