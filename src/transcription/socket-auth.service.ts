import { Inject, Injectable, Optional } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { apiKeyExpired, isApiKey } from '#src/auth/api-key-grant.js';
import { API_KEY_VERIFIER, type ApiKeyVerifier } from '#src/auth/api-key-verifier.js';
import type { AuthUser, AccessTokenPayload } from '#src/auth/auth-user.js';
import { TokensService } from '#src/auth/tokens.service.js';
import { defineAbilityFor, type AppAbility } from '#src/authz/ability.factory.js';
import { assertCan } from '#src/authz/assert-can.js';
import { effectiveRole } from '#src/authz/effective-role.js';
import { UsersRepository } from '#src/users/users.repository.js';
import type { WorkspaceRole } from '#src/workspaces/entities/membership.entity.js';
import { WorkspacesRepository } from '#src/workspaces/workspaces.repository.js';
import { SocketRefusal } from './socket-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_ID = /^[\w:.-]{8,100}$/;

export interface SocketIdentity {
  user: AuthUser;
  workspaceId: string;
  clientId?: string;
}

export interface SocketTenant {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole | undefined;
  ability: AppAbility;
}

/** The same checks as the HTTP JwtStrategy and TenantGuard, for the socket handshake and each join. */
@Injectable()
export class SocketAuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly tokens: TokensService,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeys?: ApiKeyVerifier,
  ) {}

  async authenticate(auth: unknown, ip = 'unknown'): Promise<SocketIdentity> {
    const a = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<string, unknown>;
    if (typeof a.token !== 'string' || a.token === '') throw new SocketRefusal('UNAUTHENTICATED', 'auth.token (an access token) is required');
    const user = isApiKey(a.token) && this.apiKeys ? await this.apiKeys.verify(a.token, ip) : await this.signedIn(a.token);
    if (typeof a.workspaceId !== 'string' || !UUID.test(a.workspaceId)) {
      throw new SocketRefusal('WORKSPACE_REQUIRED', 'auth.workspaceId (a workspace uuid) is required');
    }
    const identity: SocketIdentity = { user, workspaceId: a.workspaceId.toLowerCase() };
    await this.tenant(identity);
    if (typeof a.clientId === 'string' && CLIENT_ID.test(a.clientId)) identity.clientId = a.clientId;
    return identity;
  }

  private async signedIn(token: string): Promise<AuthUser> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new SocketRefusal('TOKEN_EXPIRED', 'Access token has expired');
      throw new SocketRefusal('TOKEN_INVALID', 'Access token is not valid');
    }
    if (payload?.typ !== 'access' || typeof payload.sub !== 'string') throw new SocketRefusal('TOKEN_INVALID', 'Access token is not valid');
    const user = await this.users.findById(payload.sub);
    if (!user || user.tokenVersion !== payload.ver) throw new SocketRefusal('TOKEN_INVALID', 'Access token is no longer valid');
    if (payload.fam !== undefined && !(await this.tokens.familyLive(payload.fam))) throw new SocketRefusal('TOKEN_INVALID', 'Access token is no longer valid (signed out)');
    if (!user.isActive) throw new SocketRefusal('ACCOUNT_DISABLED', 'This account is disabled');
    return { id: user.id, email: user.email, name: user.name, isInstanceAdmin: user.isInstanceAdmin };
  }

  /**
   * The caller's current role in the workspace, through the HTTP tenant guard's own effectiveRole
   * but uncached (see there); non-members get NOT_FOUND (no existence leak). An instance admin
   * still passes in a workspace that does not exist (the session lookup then finds nothing).
   */
  async tenant(identity: SocketIdentity): Promise<SocketTenant> {
    const role = await effectiveRole(this.workspaces, undefined, identity.workspaceId, identity.user);
    if (!role && !identity.user.isInstanceAdmin) throw new SocketRefusal('NOT_FOUND', 'Workspace not found');
    return {
      workspaceId: identity.workspaceId,
      userId: identity.user.id,
      role,
      ability: defineAbilityFor({ userId: identity.user.id, isInstanceAdmin: identity.user.isInstanceAdmin, role }),
    };
  }

  /**
   * A socket outlives the handshake that checked its key: on each join/end, ask again whether the
   * key still works (a revocation whose broadcast this process missed, an expiry the timer has
   * not reached yet). Nothing to do for a signed-in socket.
   */
  async assertKeyLive(identity: SocketIdentity): Promise<void> {
    const key = identity.user.apiKey;
    if (!key) return;
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw apiKeyExpired(key.expiresAt);
    await this.apiKeys?.assertLive(key.id);
  }

  static can(tenant: SocketTenant, action: 'read' | 'stream' | 'finalize', sessionOwnerId: string): boolean {
    try {
      assertCan(tenant.ability, action, 'Session', { userId: sessionOwnerId });
      return true;
    } catch {
      return false;
    }
  }
}
