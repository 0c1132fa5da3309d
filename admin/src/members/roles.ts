import type { WorkspaceRole } from '../types';

export const ROLES: readonly WorkspaceRole[] = ['owner', 'admin', 'member', 'viewer'];

/** Roles a caller may hand out: owners and instance admins any, admins up to admin. */
export function assignableRoles(callerRole: WorkspaceRole | null, isInstanceAdmin: boolean): WorkspaceRole[] {
  if (isInstanceAdmin || callerRole === 'owner') return [...ROLES];
  if (callerRole === 'admin') return ['admin', 'member', 'viewer'];
  return [];
}
