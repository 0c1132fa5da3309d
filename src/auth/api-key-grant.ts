import { MinaException } from '#src/common/mina.exception.js';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';
import type { ApiKeyScope } from '@mina/contract/api-keys';

export { API_KEY_SCOPES, type ApiKeyScope } from '@mina/contract/api-keys';

/** Every personal API key starts with this, so a Bearer value says which kind of credential it is. */
export const API_KEY_PREFIX = 'mina_';

/** What a request made with an API key may reach: one workspace, and no more than the key's scopes. */
export interface ApiKeyGrant {
  id: string;
  workspaceId: string;
  scopes: ApiKeyScope[];
  /** When the key stops working (null: never); a socket opened with it is cut then. */
  expiresAt: Date | null;
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

export const apiKeyExpired = (at: Date): MinaException => new MinaException('API_KEY_EXPIRED', `This API key expired (${at.toISOString()}); create a new one`);
export const apiKeyRevoked = (at: Date): MinaException => new MinaException('API_KEY_REVOKED', `This API key was revoked (${at.toISOString()})`);

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface KeyedRoute {
  method: string;
  /** The route acts inside one workspace (X-Workspace-Id or a workspace id in the path). */
  tenantScoped: boolean;
  /** A route outside any workspace that still answers a key, only about the key's workspace (@ApiKeyAllowed). */
  keyAllowed: boolean;
  /** Managing credentials (keys themselves, the account): a key may never do it. */
  signInRequired: boolean;
  instanceAdmin: boolean;
}

/**
 * What a key may not do whatever the user's role: manage keys or the account, act as instance
 * admin, call a route outside its workspace unless that route is allowlisted (@ApiKeyAllowed: it
 * answers only about the key's workspace), change anything outside its workspace, or (read scope)
 * change anything at all. Unlisted routes outside a workspace (GET /api/workspaces,
 * /api/me/invitations) are about every workspace of the user, which a key bound to one must not see.
 */
export function assertKeyMayCall(grant: ApiKeyGrant, route: KeyedRoute): void {
  if (route.signInRequired) {
    throw new MinaException('API_KEY_NOT_ALLOWED', 'API keys cannot manage API keys or the account: sign in with your password or single sign-on');
  }
  if (route.instanceAdmin) throw new MinaException('API_KEY_NOT_ALLOWED', 'API keys never carry instance-admin rights: sign in to do this');
  const safe = SAFE_METHODS.has(route.method.toUpperCase());
  if (!route.tenantScoped && !(route.keyAllowed && safe)) {
    throw new MinaException(
      'API_KEY_NOT_ALLOWED',
      'An API key acts only inside its own workspace (send X-Workspace-Id); outside it, it may only read GET /api/me and GET /api/speech-recognition: sign in to do this',
    );
  }
  if (!safe && scopeRole(grant.scopes) === 'viewer') {
    throw new MinaException('API_KEY_SCOPE', 'This API key has the read scope only: it may read (GET), not change anything; create a key with the write scope', {
      scopes: grant.scopes,
    });
  }
}
