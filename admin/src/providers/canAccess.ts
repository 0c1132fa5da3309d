import type { WorkspaceRole } from '@mina/contract/records';
import {
  recordOf,
  unpackAbility,
  type Action,
  type AppAbility,
  type PackedRules,
  type Subject,
} from '@mina/contract/roles';

export interface Permissions {
  userId: string | null;
  isInstanceAdmin: boolean;
  /** The caller's role in the selected workspace (instance admins act as "admin" where they are not members); null when none is selected. */
  role: WorkspaceRole | null;
  workspaceId: string | null;
  /** The server's rules for the caller: per workspace they belong to, and outside them. */
  rules: { instance: PackedRules; workspaces: Record<string, PackedRules> };
}

export interface AccessRequest {
  action: string;
  resource: string;
  record?: Record<string, unknown>;
}

/**
 * A console resource's action, in the API's terms: an ability check (`can` an action on a
 * subject), or not one: any signed-in user, instance admins only (the API's admin routes), or
 * nothing the console offers.
 */
type Check = { can: Action; on: Exclude<Subject, 'all'> } | 'signedIn' | 'instanceAdmin' | 'never';
const can = (action: Action, on: Exclude<Subject, 'all'>): Check => ({ can: action, on });

/** What each page and button asks the API for; the rules themselves are the server's. */
const CHECKS: Record<string, Record<string, Check>> = {
  users: {
    list: 'instanceAdmin',
    show: 'instanceAdmin',
    create: 'instanceAdmin',
    edit: 'instanceAdmin',
    disable: 'instanceAdmin',
    'reset-password': 'instanceAdmin',
    export: 'instanceAdmin',
  },
  audit: { list: 'instanceAdmin' },
  'dead-letters': {
    list: 'instanceAdmin',
    show: 'instanceAdmin',
    retry: 'instanceAdmin',
    delete: 'instanceAdmin',
  },
  slo: { list: 'instanceAdmin' },
  'ai-providers': { list: 'instanceAdmin' },
  backups: { list: 'instanceAdmin', create: 'instanceAdmin', verify: 'instanceAdmin' },
  workspaces: {
    list: 'signedIn',
    show: 'signedIn',
    create: 'signedIn',
    edit: can('update', 'Workspace'),
    // Not offered by the console.
    delete: 'never',
  },
  members: {
    list: 'signedIn',
    create: can('create', 'Membership'),
    edit: can('update', 'Membership'),
    delete: can('delete', 'Membership'),
  },
  meetings: {
    list: can('read', 'Meeting'),
    show: can('read', 'Meeting'),
    export: can('read', 'Meeting'),
    create: can('create', 'Meeting'),
    edit: can('update', 'Meeting'),
    delete: can('delete', 'Meeting'),
  },
  sessions: {
    list: can('read', 'Session'),
    show: can('read', 'Session'),
    export: can('read', 'Session'),
    create: can('create', 'Session'),
    finalize: can('finalize', 'Session'),
    rename_speakers: can('update', 'Session'),
    delete: can('delete', 'Session'),
  },
  // Streaming and uploading a recording both create a session.
  live: { list: can('create', 'Session'), create: can('create', 'Session') },
  uploads: { list: can('create', 'Session'), create: can('create', 'Session') },
  search: { list: can('read', 'Segment') },
  // Ask Mina answers from the transcripts the caller can read.
  ask: { list: can('read', 'Segment'), create: can('read', 'Segment') },
  // Summary templates are workspace settings: members read them, owners and admins change them.
  templates: {
    list: can('read', 'Workspace'),
    show: can('read', 'Workspace'),
    create: can('update', 'Workspace'),
    edit: can('update', 'Workspace'),
    delete: can('update', 'Workspace'),
  },
  tasks: {
    list: can('read', 'Task'),
    show: can('read', 'Task'),
    export: can('read', 'Task'),
    create: can('create', 'Task'),
    edit: can('update', 'Task'),
    delete: can('delete', 'Task'),
  },
};

/** Tenant resources need a selected workspace before anything else. */
const TENANT = new Set(['meetings', 'sessions', 'tasks', 'live', 'search', 'ask', 'uploads', 'templates']);

const abilities = new WeakMap<PackedRules, AppAbility>();
function abilityOf(rules: PackedRules): AppAbility {
  let ability = abilities.get(rules);
  if (!ability) {
    ability = unpackAbility(rules);
    abilities.set(rules, ability);
  }
  return ability;
}

/** The workspace a request is about: a workspace record's own, a member record's, else the selected one. */
function workspaceOf(
  permissions: Permissions,
  resource: string,
  record?: Record<string, unknown>,
): string | null {
  const fromRecord =
    resource === 'workspaces' ? record?.id : resource === 'members' ? record?.workspaceId : undefined;
  return typeof fromRecord === 'string' ? fromRecord : permissions.workspaceId;
}

/** The ability the API applies to the caller in a workspace: their membership's, else what they have outside one. */
export function abilityIn(permissions: Permissions, workspaceId: string | null): AppAbility {
  const rules = (workspaceId && permissions.rules.workspaces[workspaceId]) || permissions.rules.instance;
  return abilityOf(rules);
}

/** The console's view of who may do what. Unknown resources and actions are denied. */
export function canAccess(permissions: Permissions, { action, resource, record }: AccessRequest): boolean {
  const checks = CHECKS[resource];
  if (!checks) return false;
  if (TENANT.has(resource) && !permissions.workspaceId) return false;
  // Field- and column-level checks (`action` like "list.field") follow their page.
  const check = checks[action] ?? checks[action.split('.')[0] ?? ''];
  if (!check || check === 'never') return false;
  if (check === 'signedIn') return true;
  if (check === 'instanceAdmin') return permissions.isInstanceAdmin;
  // Without a record, conditions (own meetings, own sessions) match nothing: only unconditional rules allow.
  return abilityIn(permissions, workspaceOf(permissions, resource, record)).can(
    check.can,
    recordOf(check.on, record ?? {}),
  );
}
