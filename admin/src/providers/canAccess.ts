import type { WorkspaceRole } from '../types';

export interface Permissions {
  userId: string | null;
  isInstanceAdmin: boolean;
  /**
   * The caller's role in the selected workspace; null when none is selected. Instance
   * admins act as "admin" in workspaces they do not belong to, as the API does.
   */
  role: WorkspaceRole | null;
  workspaceId: string | null;
}

export interface AccessRequest {
  action: string;
  resource: string;
  record?: Record<string, unknown>;
}

type Rule = (p: Permissions, record?: Record<string, unknown>) => boolean;

const RANK: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const isRole = (value: unknown): value is WorkspaceRole => typeof value === 'string' && value in RANK;
const roleAtLeast = (role: WorkspaceRole | null | undefined, minimum: WorkspaceRole) =>
  role !== null && role !== undefined && RANK[role] >= RANK[minimum];

/** Instance admins may do anything the API lets them (it grants them `manage all`). */
const atLeast =
  (minimum: WorkspaceRole): Rule =>
  (p) =>
    p.isInstanceAdmin || roleAtLeast(p.role, minimum);
const instanceAdmin: Rule = (p) => p.isInstanceAdmin;
const signedIn: Rule = () => true;
const never: Rule = () => false;
/** Admins and up always; members when the record is theirs (`field` holds its owner's id). */
const adminOrOwnRecord =
  (field: string): Rule =>
  (p, record) =>
    atLeast('admin')(p) || (roleAtLeast(p.role, 'member') && !!record && record[field] === p.userId);

/** A workspace record carries the caller's own role in it. */
const workspaceRoleAtLeast =
  (minimum: WorkspaceRole): Rule =>
  (p, record) => {
    if (p.isInstanceAdmin) return true;
    if (isRole(record?.role)) return RANK[record.role] >= RANK[minimum];
    return !record && roleAtLeast(p.role, minimum);
  };

/**
 * Member records carry `callerRole`, the caller's role in that member's workspace (which
 * need not be the selected one). Admins manage members; only owners touch owners.
 */
const callerRole = (p: Permissions, record?: Record<string, unknown>): WorkspaceRole | null =>
  isRole(record?.callerRole) ? record.callerRole : p.role;
const addMember: Rule = (p, record) => p.isInstanceAdmin || roleAtLeast(callerRole(p, record), 'admin');
const manageMember: Rule = (p, record) => {
  const role = callerRole(p, record);
  if (p.isInstanceAdmin || role === 'owner') return true;
  if (role !== 'admin') return false;
  return !record || record.role !== 'owner';
};

/** Mirrors the API's ability rules (src/authz/ability.factory.ts); the API stays the authority. */
const RULES: Record<string, Record<string, Rule>> = {
  users: {
    list: instanceAdmin,
    show: instanceAdmin,
    create: instanceAdmin,
    edit: instanceAdmin,
    disable: instanceAdmin,
    'reset-password': instanceAdmin,
    export: instanceAdmin,
  },
  audit: { list: instanceAdmin },
  'dead-letters': { list: instanceAdmin, show: instanceAdmin, retry: instanceAdmin, delete: instanceAdmin },
  slo: { list: instanceAdmin },
  backups: { list: instanceAdmin, create: instanceAdmin, verify: instanceAdmin },
  workspaces: {
    list: signedIn,
    show: signedIn,
    create: signedIn,
    edit: workspaceRoleAtLeast('admin'),
    delete: never,
  },
  members: {
    list: signedIn,
    create: addMember,
    edit: manageMember,
    delete: manageMember,
  },
  meetings: {
    list: atLeast('viewer'),
    show: atLeast('viewer'),
    export: atLeast('viewer'),
    create: atLeast('member'),
    edit: adminOrOwnRecord('organizerId'),
    delete: adminOrOwnRecord('organizerId'),
  },
  sessions: {
    list: atLeast('viewer'),
    show: atLeast('viewer'),
    export: atLeast('viewer'),
    create: atLeast('member'),
    finalize: adminOrOwnRecord('userId'),
    rename_speakers: adminOrOwnRecord('userId'),
    delete: atLeast('admin'),
  },
  live: { list: atLeast('member'), create: atLeast('member') },
  // Uploading a recording creates a session: the same roles as sessions.create.
  uploads: { list: atLeast('member'), create: atLeast('member') },
  search: { list: atLeast('viewer') },
  tasks: {
    list: atLeast('viewer'),
    show: atLeast('viewer'),
    export: atLeast('viewer'),
    create: atLeast('member'),
    edit: atLeast('member'),
    delete: adminOrOwnRecord('createdById'),
  },
};

/** Tenant resources need a selected workspace before anything else. */
const TENANT = new Set(['meetings', 'sessions', 'tasks', 'live', 'search', 'uploads']);

/** The console's view of who may do what. Unknown resources and actions are denied. */
export function canAccess(permissions: Permissions, { action, resource, record }: AccessRequest): boolean {
  const rules = RULES[resource];
  if (!rules) return false;
  if (TENANT.has(resource) && !permissions.workspaceId) return false;
  // Field- and column-level checks (`action` like "list.field") follow their page.
  const rule = rules[action] ?? rules[action.split('.')[0] ?? ''];
  return rule ? rule(permissions, record) : false;
}
