import { Injectable } from '@nestjs/common';
import { apiKeyExpired, apiKeyRevoked, type ApiKeyGrant } from '#src/auth/api-key-grant.js';
import type { ApiKeyVerifier } from '#src/auth/api-key-verifier.js';
import type { AuthUser } from '#src/auth/auth-user.js';
import { MinaException } from '#src/common/mina.exception.js';
import { ApiKeyActivity } from './api-key-activity.js';
import { keyMatches, parseApiKey } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';

const invalid = (): MinaException => new MinaException('TOKEN_INVALID', 'API key is not valid');

function assertUsable(record: { revokedAt?: Date | null; expiresAt?: Date | null }): void {
  if (record.revokedAt) throw apiKeyRevoked(record.revokedAt);
  if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) throw apiKeyExpired(record.expiresAt);
}

/**
 * Who a presented key belongs to: one indexed query (the key by its lookup part, with its user),
 * then the hash compared in constant time. Key rows are never cached, so a revocation holds from
 * the next request in every process; the user's role is read through the shared auth cache.
 */
@Injectable()
export class ApiKeyAuthenticator implements ApiKeyVerifier {
  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly activity: ApiKeyActivity,
  ) {}

  async verify(key: string, ip: string): Promise<AuthUser & { apiKey: ApiKeyGrant }> {
    const lookup = parseApiKey(key);
    if (lookup === undefined) throw invalid();
    const record = await this.repo.findByLookup(lookup);
    if (!record || !keyMatches(key, record.hash)) throw invalid();
    assertUsable(record);
    const user = record.user;
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled');
    const workspaceId = record.workspace.id;
    this.activity.seen({ keyId: record.id, userId: user.id, workspaceId, name: record.name, ip });
    // Never instance-admin rights through a key: it acts only through a membership of its workspace.
    return { id: user.id, email: user.email, name: user.name, isInstanceAdmin: false, apiKey: { id: record.id, workspaceId, scopes: record.scopes, expiresAt: record.expiresAt ?? null } };
  }

  async assertLive(keyId: string): Promise<void> {
    const record = await this.repo.findState(keyId);
    if (!record) throw invalid();
    assertUsable(record);
  }
}
