import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { WORKSPACE_ROLES, type WorkspaceRole } from './membership.entity.js';
import { Workspace } from './workspace.entity.js';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An offer of membership, addressed to an email whether or not it has an account: the invited person
 * sees it under /api/me/invitations once signed in with that email, and only their accept makes the
 * membership. At most one pending invitation per workspace and email (a partial unique index).
 */
@Entity({ tableName: 'invitation' })
@Index({ properties: ['email', 'status'] })
export class Invitation extends BaseEntity<'status' | 'respondedAt' | 'invitedBy'> {
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Property({ type: 'string', length: 320 })
  email!: string;

  @Enum({ items: () => [...WORKSPACE_ROLES], nativeEnumName: undefined })
  role!: WorkspaceRole;

  @Enum({ items: () => [...INVITATION_STATUSES], nativeEnumName: undefined })
  status: InvitationStatus = 'pending';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  invitedBy?: User | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  respondedAt?: Date | null;
}
