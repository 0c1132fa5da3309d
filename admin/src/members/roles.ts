import { WORKSPACE_ROLES, type WorkspaceRole } from '@mina/contract/records';
import { recordOf } from '@mina/contract/roles';
import { abilityIn, type Permissions } from '../providers/canAccess';

/** Roles the caller may give a member of `workspaceId` (owners and instance admins any, admins up to admin): the API's rules decide. */
export function assignableRoles(
  permissions: Permissions | undefined,
  workspaceId: string,
  action: 'create' | 'update',
): WorkspaceRole[] {
  if (!permissions) return [];
  const ability = abilityIn(permissions, workspaceId);
  return WORKSPACE_ROLES.filter((role) => ability.can(action, recordOf('Membership', { role })));
}
