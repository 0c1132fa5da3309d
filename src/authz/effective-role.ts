import { assertKeyWorkspace, clampRole, type ApiKeyGrant } from '#src/auth/api-key-grant.js';
import { INSTANCE_ADMIN_ROLE } from '@mina/contract/roles';
import type { AuthCacheService } from '#src/auth/auth-cache.service.js';
import type { WorkspaceRole } from '../workspaces/entities/membership.entity.js';
import type { WorkspacesRepository } from '../workspaces/workspaces.repository.js';

/**
 * The role a user acts with in a workspace: their membership, or INSTANCE_ADMIN_ROLE for an instance admin in
 * a workspace that exists; undefined when they may not enter. With an API key: only the key's
 * workspace, and never more than its scopes allow.
 *
 * `cache` (HTTP) reuses a role for MINA_AUTH_CACHE_MS. Sockets pass none: they ask at the
 * handshake and on each join/end, rarely, and the cache is per process, so a socket would act on a
 * role another process has just changed or removed for up to that long.
 */
export async function effectiveRole(
  workspaces: WorkspacesRepository,
  cache: AuthCacheService | undefined,
  workspaceId: string,
  user: { id: string; isInstanceAdmin: boolean; apiKey?: ApiKeyGrant },
): Promise<WorkspaceRole | undefined> {
  if (user.apiKey) assertKeyWorkspace(user.apiKey, workspaceId);
  const key = `${workspaceId}:${user.id}`;
  let role = cache?.roles.get(key);
  if (role === undefined) {
    role = (await workspaces.roleOf(workspaceId, user.id)) ?? null;
    cache?.roles.set(key, role);
  }
  return clampRole(role ?? (user.isInstanceAdmin && (await workspaces.exists(workspaceId)) ? INSTANCE_ADMIN_ROLE : undefined), user.apiKey);
}
