import { MinaException } from '#src/common/mina.exception.js';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';

export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every personal API key starts with this, so a Bearer value says which kind of credential it is. */
export const API_KEY_PREFIX = 'mina_';

/** What a request made with an API key may reach: one workspace, and no more than the key's scopes. */
export interface ApiKeyGrant {
  id: string;
  workspaceId: string;
  scopes: ApiKeyScope[];
}

export const isApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

const RANK: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
/** read is viewer-like, write member-like, admin a workspace admin; a wider scope includes the narrower. */
const SCOPE_ROLE: Record<ApiKeyScope, WorkspaceRole> = { read: 'viewer', write: 'member', admin: 'admin' };

/** The widest role the scopes allow. */
export function scopeRole(scopes: readonly ApiKeyScope[]): WorkspaceRole {
  return scopes.map((s) => SCOPE_ROLE[s]).reduce<WorkspaceRole>((a, b) => (RANK[b] > RANK[a] ? b : a), 'viewer');
}

/** The lower of the user's current role and what the key allows: a demoted user's key is demoted with them. */
export function clampRole(role: WorkspaceRole | undefined, grant: ApiKeyGrant | undefined): WorkspaceRole | undefined {
  if (!grant || role === undefined) return role;
  const allowed = scopeRole(grant.scopes);
  return RANK[allowed] < RANK[role] ? allowed : role;
}

/** Whether a role may hand out a key with these scopes (nobody grants more than they hold). */
export const roleCovers = (role: WorkspaceRole, scopes: readonly ApiKeyScope[]): boolean => RANK[scopeRole(scopes)] <= RANK[role];

export function assertKeyWorkspace(grant: ApiKeyGrant, workspaceId: string): void {
  if (grant.workspaceId !== workspaceId.toLowerCase()) {
    throw new MinaException('API_KEY_WORKSPACE', 'This API key belongs to another workspace; send its own workspace in X-Workspace-Id', {
      workspaceId: grant.workspaceId,
    });
  }
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface KeyedRoute {
  method: string;
  /** The route acts inside one workspace (X-Workspace-Id or a workspace id in the path). */
  tenantScoped: boolean;
  /** Managing credentials (keys themselves, the account): a key may never do it. */
  signInRequired: boolean;
  instanceAdmin: boolean;
}

/**
 * What a key may not do whatever the user's role: manage keys or the account, act as instance
 * admin, change anything outside its workspace, or (read scope) change anything at all.
 */
export function assertKeyMayCall(grant: ApiKeyGrant, route: KeyedRoute): void {
  if (route.signInRequired) {
    throw new MinaException('API_KEY_NOT_ALLOWED', 'API keys cannot manage API keys or the account: sign in with your password or single sign-on');
  }
  if (route.instanceAdmin) throw new MinaException('API_KEY_NOT_ALLOWED', 'API keys never carry instance-admin rights: sign in to do this');
  const safe = SAFE_METHODS.has(route.method.toUpperCase());
  if (!route.tenantScoped && !safe) {
    throw new MinaException('API_KEY_NOT_ALLOWED', 'Outside its workspace an API key may only read: sign in to do this');
  }
  if (!safe && scopeRole(grant.scopes) === 'viewer') {
    throw new MinaException('API_KEY_SCOPE', 'This API key has the read scope only: it may read (GET), not change anything; create a key with the write scope', {
      scopes: grant.scopes,
    });
  }
}
