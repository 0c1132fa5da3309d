import { Inject, Injectable } from '@nestjs/common';
import { API_KEY_SCOPES, roleCovers } from '#src/auth/api-key-grant.js';
import type { ApiKeyRevoker } from '#src/auth/api-key-verifier.js';
import { SocketRevoker } from '#src/auth/socket-revoker.service.js';
import type { AuthUser } from '#src/auth/auth-user.js';
import { AuditService } from '#src/audit/audit.service.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { MinaException, notFound, quotaExceeded } from '#src/common/mina.exception.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { parseStrictDate } from '#src/common/strict-date.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { WorkspacesRepository } from '#src/workspaces/workspaces.repository.js';
import { displayPrefix, generateApiKey } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { CreateApiKeyDto } from './dto/api-key.dto.js';
import type * as ApiKeys from '@mina/contract/api-keys';
import type { ApiKey } from './entities/api-key.entity.js';

const DAY_MS = 86_400_000;

@Injectable()
export class ApiKeysService implements ApiKeyRevoker {
  static readonly sortable = ['createdAt', 'name', 'expiresAt', 'lastUsedAt'];

  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly audit: AuditService,
    private readonly sockets: SocketRevoker,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** A key for the caller in the workspace of X-Workspace-Id; the key is in this answer only. */
  async create(caller: AuthUser, tenant: TenantContext, dto: CreateApiKeyDto, ip: string): Promise<ApiKeys.CreatedApiKeyView<Date>> {
    const now = new Date();
    const name = dto.name.trim();
    if (name === '') throw new MinaException('VALIDATION_FAILED', 'name must not be blank');
    // In the order of API_KEY_SCOPES, each once: the stored list reads the same however it was sent.
    const scopes = API_KEY_SCOPES.filter((s) => dto.scopes.includes(s));
    // Membership, not the instance-admin override: a key acts only through a membership of its workspace.
    const role = await this.workspaces.roleOf(tenant.workspaceId, caller.id);
    if (!role) throw new MinaException('API_KEY_NOT_ALLOWED', 'API keys act through your membership of a workspace, and you are not a member of this one');
    if (!roleCovers(role, scopes)) {
      throw new MinaException('API_KEY_SCOPE', `Your role here (${role}) cannot grant the scopes ${scopes.join(', ')}`, { role, scopes });
    }
    const expiresAt = this.expiry(dto.expiresAt, now);
    const limit = this.config.apiKeysPerUser;
    if ((await this.repo.countLive(caller.id, now)) >= limit) {
      throw quotaExceeded('apiKeysPerUser', limit, `You already have ${limit} active API keys (MINA_MAX_API_KEYS_PER_USER); revoke one first`);
    }
    const secret = generateApiKey();
    const key = await this.repo.create({ userId: caller.id, workspaceId: tenant.workspaceId, name, lookup: secret.lookup, hash: secret.hash, lastChars: secret.lastChars, scopes, expiresAt });
    await this.audit.record({
      actorId: caller.id,
      action: 'api_key.created',
      target: `api_key:${key.id}`,
      workspaceId: tenant.workspaceId,
      ip,
      data: { name, scopes, prefix: displayPrefix(secret.lookup), expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { id: key.id, key: secret.key, name, prefix: displayPrefix(secret.lookup), scopes, workspaceId: tenant.workspaceId, expiresAt };
  }

  async list(caller: AuthUser, query: ListQuery): Promise<ListResult<ApiKeys.ApiKeyView<Date>>> {
    const page = await this.repo.listFor(caller.id, query);
    const now = Date.now();
    return { total: page.total, items: page.items.map((k) => view(k, now)) };
  }

  /** Immediate: the next request with the key is refused in every process, and its open sockets are cut. Idempotent. */
  async revoke(caller: AuthUser, id: string, ip: string): Promise<void> {
    const key = await this.repo.findOwned(caller.id, id);
    if (!key) throw notFound('API key');
    if (await this.repo.revoke(key.id, new Date())) {
      await this.audit.record({ actorId: caller.id, action: 'api_key.revoked', target: `api_key:${key.id}`, workspaceId: key.workspace.id, ip, data: { name: key.name } });
    }
    this.sockets.disconnectApiKey(key.id);
  }

  /** Like `revoke` for each of the user's keys; the caller audits why. */
  async revokeAllOf(userId: string): Promise<string[]> {
    const ids = await this.repo.revokeAllOf(userId, new Date());
    for (const id of ids) this.sockets.disconnectApiKey(id);
    return ids;
  }

  /** Omitted or null: the longest life allowed (none when MINA_API_KEY_MAX_DAYS is 0). */
  private expiry(raw: string | null | undefined, now: Date): Date | null {
    const maxDays = this.config.apiKeyMaxDays;
    const latest = maxDays > 0 ? new Date(now.getTime() + maxDays * DAY_MS) : null;
    if (raw === undefined || raw === null) return latest;
    const at = parseStrictDate(raw);
    if (!at || at.getTime() <= now.getTime()) throw new MinaException('VALIDATION_FAILED', 'expiresAt must be a date in the future');
    if (latest && at > latest) {
      throw new MinaException('VALIDATION_FAILED', `expiresAt may be at most ${maxDays} days ahead (MINA_API_KEY_MAX_DAYS)`, { maxDays });
    }
    return at;
  }
}

function view(k: ApiKey, now: number): ApiKeys.ApiKeyView<Date> {
  const expired = k.expiresAt != null && k.expiresAt.getTime() <= now;
  return {
    id: k.id,
    name: k.name,
    scopes: k.scopes,
    workspace: { id: k.workspace.id, name: k.workspace.name },
    prefix: displayPrefix(k.lookup),
    lastChars: k.lastChars,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt ?? null,
    lastUsedAt: k.lastUsedAt ?? null,
    lastUsedIp: k.lastUsedIp ?? null,
    revokedAt: k.revokedAt ?? null,
    status: k.revokedAt ? 'revoked' : expired ? 'expired' : 'active',
  };
}
