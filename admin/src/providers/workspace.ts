import { INSTANCE_ADMIN_ROLE } from '@mina/contract/roles';
import type { Me, Membership, WorkspaceRole } from '../types';

const KEY = 'mina.workspaceId';

export function getWorkspaceId(): string | null {
  return localStorage.getItem(KEY);
}

export function setWorkspaceId(id: string | null): void {
  if (id) localStorage.setItem(KEY, id);
  else localStorage.removeItem(KEY);
}

/**
 * Keeps the stored workspace if the user still belongs to it (instance admins may pick any
 * workspace), otherwise picks their first one.
 */
export function reconcileWorkspace(me: Me): string | null {
  const current = getWorkspaceId();
  const keep = current && (me.isInstanceAdmin || me.memberships.some((m) => m.workspaceId === current));
  const chosen = keep ? current : (me.memberships[0]?.workspaceId ?? null);
  if (chosen !== current) setWorkspaceId(chosen);
  return chosen;
}

export function currentMembership(me: Me): Membership | undefined {
  const id = getWorkspaceId();
  return me.memberships.find((m) => m.workspaceId === id);
}

/** The role the API applies in the selected workspace: instance admins act as "admin" where they are not members. */
export function effectiveRole(me: Me): WorkspaceRole | null {
  if (!getWorkspaceId()) return null;
  return currentMembership(me)?.role ?? (me.isInstanceAdmin ? INSTANCE_ADMIN_ROLE : null);
}
