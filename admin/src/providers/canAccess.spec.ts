import { defineAbilityFor, INSTANCE_ADMIN_ROLE, packAbility, type PackedRules } from '@mina/contract/roles';
import type { WorkspaceRole } from '@mina/contract/records';
import { describe, expect, it } from 'vitest';
import { canAccess, type Permissions } from './canAccess';

const ME = 'user-me';
const OTHER = 'user-other';
const WS = 'ws-selected';
const ELSEWHERE = 'ws-elsewhere';

const wire = (packed: PackedRules): PackedRules => JSON.parse(JSON.stringify(packed)) as PackedRules;

/** Permissions as the auth provider builds them from GET /api/me: the server's packed rules. */
function permissions(role: WorkspaceRole | null, isInstanceAdmin = false, workspaceId: string | null = WS): Permissions {
  const rules = (r?: WorkspaceRole) => wire(packAbility(defineAbilityFor({ userId: ME, isInstanceAdmin, role: r })));
  return {
    userId: ME,
    isInstanceAdmin,
    role: workspaceId ? (role ?? (isInstanceAdmin ? INSTANCE_ADMIN_ROLE : null)) : null,
    workspaceId,
    rules: { instance: rules(isInstanceAdmin ? INSTANCE_ADMIN_ROLE : undefined), workspaces: role ? { [WS]: rules(role) } : {} },
  };
}

type Row = [who: string, p: Permissions, resource: string, action: string, record: Record<string, unknown> | undefined, allowed: boolean];

const viewer = permissions('viewer');
const member = permissions('member');
const admin = permissions('admin');
const owner = permissions('owner');
const instanceAdmin = permissions(null, true);
const noWorkspace = permissions('owner', false, null);

const rows: Row[] = [
  ['viewer', viewer, 'meetings', 'list', undefined, true],
  ['viewer', viewer, 'meetings', 'create', undefined, false],
  ['viewer', viewer, 'live', 'create', undefined, false],
  ['viewer', viewer, 'search', 'list', undefined, true],
  ['viewer', viewer, 'tasks', 'edit', undefined, false],
  ['member', member, 'meetings', 'create', undefined, true],
  ['member', member, 'meetings', 'edit', { organizerId: ME }, true],
  ['member', member, 'meetings', 'edit', { organizerId: OTHER }, false],
  // Without the record, a rule about one's own records cannot allow.
  ['member', member, 'meetings', 'edit', undefined, false],
  ['member', member, 'sessions', 'finalize', { userId: ME }, true],
  ['member', member, 'sessions', 'finalize', { userId: OTHER }, false],
  ['member', member, 'sessions', 'rename_speakers', { userId: OTHER }, false],
  ['member', member, 'sessions', 'delete', { userId: ME }, false],
  ['member', member, 'tasks', 'edit', undefined, true],
  ['member', member, 'tasks', 'delete', { createdById: OTHER }, false],
  ['member', member, 'tasks', 'delete', { createdById: ME }, true],
  ['member', member, 'uploads', 'create', undefined, true],
  ['member', member, 'members', 'create', { workspaceId: WS }, false],
  ['member', member, 'workspaces', 'edit', { id: WS, role: 'member' }, false],
  ['member', member, 'users', 'list', undefined, false],
  // Column-level checks follow their page.
  ['member', member, 'meetings', 'list.title', undefined, true],
  ['admin', admin, 'meetings', 'delete', { organizerId: OTHER }, true],
  ['admin', admin, 'sessions', 'delete', undefined, true],
  ['admin', admin, 'members', 'create', { workspaceId: WS }, true],
  ['admin', admin, 'members', 'edit', { workspaceId: WS, role: 'member' }, true],
  ['admin', admin, 'members', 'edit', { workspaceId: WS, role: 'owner' }, false],
  ['admin', admin, 'members', 'delete', { workspaceId: WS, role: 'owner' }, false],
  ['admin', admin, 'workspaces', 'edit', { id: WS, role: 'admin' }, true],
  // Another workspace's records answer to the caller's rules there: none.
  ['admin', admin, 'workspaces', 'edit', { id: ELSEWHERE, role: null }, false],
  ['admin', admin, 'members', 'edit', { workspaceId: ELSEWHERE, role: 'member' }, false],
  ['admin', admin, 'workspaces', 'delete', { id: WS, role: 'admin' }, false],
  ['owner', owner, 'members', 'edit', { workspaceId: WS, role: 'owner' }, true],
  ['owner', owner, 'workspaces', 'delete', { id: WS, role: 'owner' }, false],
  ['owner', owner, 'backups', 'list', undefined, false],
  ['owner', owner, 'nope', 'list', undefined, false],
  ['owner', owner, 'meetings', 'fly', undefined, false],
  ['owner, no workspace selected', noWorkspace, 'meetings', 'list', undefined, false],
  ['owner, no workspace selected', noWorkspace, 'workspaces', 'list', undefined, true],
  ['instance admin', instanceAdmin, 'users', 'reset-password', undefined, true],
  ['instance admin', instanceAdmin, 'dead-letters', 'retry', undefined, true],
  ['instance admin', instanceAdmin, 'meetings', 'delete', { organizerId: OTHER }, true],
  ['instance admin', instanceAdmin, 'workspaces', 'edit', { id: ELSEWHERE, role: null }, true],
  // As the API: an instance admin acts as an admin where they are no member, and admins do not touch owners.
  ['instance admin', instanceAdmin, 'members', 'edit', { workspaceId: ELSEWHERE, role: 'owner' }, false],
  ['instance admin', instanceAdmin, 'members', 'edit', { workspaceId: ELSEWHERE, role: 'member' }, true],
];

describe('canAccess: react-admin checks answered by the API’s own rules', () => {
  it.each(rows)('%s: %s %s %j → %s', (_who, p, resource, action, record, allowed) => {
    expect(canAccess(p, { resource, action, record })).toBe(allowed);
  });

  it('signed out: only what any visitor of a signed-in page may see', () => {
    const signedOut: Permissions = { userId: null, isInstanceAdmin: false, role: null, workspaceId: null, rules: { instance: [], workspaces: {} } };
    expect(canAccess(signedOut, { resource: 'meetings', action: 'list' })).toBe(false);
    expect(canAccess(signedOut, { resource: 'workspaces', action: 'edit' })).toBe(false);
    expect(canAccess(signedOut, { resource: 'users', action: 'list' })).toBe(false);
  });
});
