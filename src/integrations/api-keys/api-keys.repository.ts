import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ApiKeyScope } from '#src/auth/api-key-grant.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { ApiKey } from './entities/api-key.entity.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly em: EntityManager) {}

  /** Keys that still work (not revoked, not expired): what MINA_MAX_API_KEYS_PER_USER bounds. */
  countLive(userId: string, now: Date): Promise<number> {
    return this.em.count(ApiKey, { user: userId, revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });
  }

  async create(data: { userId: string; workspaceId: string; name: string; lookup: string; hash: string; lastChars: string; scopes: ApiKeyScope[]; expiresAt: Date | null }): Promise<ApiKey> {
    const key = this.em.create(ApiKey, {
      user: data.userId,
      workspace: data.workspaceId,
      name: data.name,
      lookup: data.lookup,
      hash: data.hash,
      lastChars: data.lastChars,
      scopes: data.scopes,
      expiresAt: data.expiresAt,
    });
    await this.em.flush();
    return key;
  }

  async listFor(userId: string, query: ListQuery): Promise<ListResult<ApiKey>> {
    const [items, total] = await this.em.findAndCount(
      ApiKey,
      { user: userId },
      {
        populate: ['workspace'],
        orderBy: { [query.sort.field]: query.sort.order, id: 'ASC' },
        offset: query.range.start,
        limit: query.range.end - query.range.start + 1,
      },
    );
    return { items, total };
  }

  findOwned(userId: string, id: string): Promise<ApiKey | null> {
    return this.em.findOne(ApiKey, { id, user: userId });
  }

  /** Revokes once: false when it already was. */
  async revoke(id: string, now: Date): Promise<boolean> {
    return (await this.em.nativeUpdate(ApiKey, { id, revokedAt: null }, { revokedAt: now })) === 1;
  }

  /** Revokes every key of the user not yet revoked; answers their ids. */
  async revokeAllOf(userId: string, now: Date): Promise<string[]> {
    const rows = (await this.em.getConnection().execute(`update "api_key" set "revoked_at" = ?, "updated_at" = ? where "user_id" = ? and "revoked_at" is null returning "id"`, [
      now,
      now,
      userId,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The one query of API-key authentication: the key by its public part, with its user. */
  findByLookup(lookup: string): Promise<ApiKey | null> {
    return this.em.findOne(ApiKey, { lookup }, { populate: ['user'] });
  }

  /** Whether a key still works, by its primary key: what a long-lived socket asks on each join/end. */
  findState(id: string): Promise<Pick<ApiKey, 'revokedAt' | 'expiresAt'> | null> {
    return this.em.findOne(ApiKey, { id }, { fields: ['revokedAt', 'expiresAt'] });
  }

  /**
   * Records a use unless one was recorded since `since` (another process may just have): at most
   * one write per key per interval, whichever process wins.
   */
  async touch(id: string, ip: string, now: Date, since: Date): Promise<void> {
    // Its own unit of work: it runs after the request that triggered it may have finished.
    await this.em.fork().nativeUpdate(ApiKey, { id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: since } }] }, { lastUsedAt: now, lastUsedIp: ip });
  }

  /** Remembers an address for a key; true when the key had not been used from it before. */
  async rememberAddress(keyId: string, ip: string, now: Date): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `insert into "api_key_address" ("id", "created_at", "updated_at", "key_id", "ip") values (?, ?, ?, ?, ?)
       on conflict ("key_id", "ip") do nothing returning "id"`,
      [randomUUID(), now, now, keyId, ip],
    )) as unknown[];
    return rows.length === 1;
  }
}
