import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../users/entities/user.entity.js';
import { AuthCacheService } from './auth-cache.service.js';
import { SocketRevoker } from './socket-revoker.service.js';
import { type AccessTokenPayload } from './auth-user.js';
import { RefreshToken } from './entities/refresh-token.entity.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

@Injectable()
export class TokensService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly cache: AuthCacheService,
    private readonly sockets: SocketRevoker,
    private readonly audit: AuditService,
  ) {}

  async issue(user: User, family: string = randomUUID(), id: string = randomUUID()): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: user.id, ver: user.tokenVersion, typ: 'access', fam: family };
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn: this.config.accessTokenTtlSeconds,
      algorithm: 'HS256',
    });
    const refreshToken = randomBytes(32).toString('base64url');
    this.em.create(RefreshToken, {
      id,
      family,
      user,
      hash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    await this.em.flush();
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /**
   * Rotates a refresh token. The old one dies; presenting a dead one again means it leaked,
   * so its whole family is revoked. The conditional UPDATE makes two racing refreshes with
   * the same token count as reuse rather than both succeeding.
   */
  async rotate(refreshToken: string, ip?: string): Promise<{ user: User; pair: TokenPair }> {
    const record = await this.em.findOne(RefreshToken, { hash: sha256(refreshToken) }, { populate: ['user'] });
    if (!record) throw new MinaException('TOKEN_INVALID', 'Refresh token is not valid');
    if (record.revokedAt || record.replacedBy) {
      await this.revokeStolen(record.user.id, record.family, ip);
      throw new MinaException('REFRESH_TOKEN_REUSED', 'Refresh token was already used; all sessions of this sign-in were revoked');
    }
    if (record.expiresAt.getTime() <= Date.now()) throw new MinaException('TOKEN_EXPIRED', 'Refresh token has expired');
    const user = record.user;
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled');

    const nextId = randomUUID();
    const claimed = await this.em.nativeUpdate(
      RefreshToken,
      { id: record.id, revokedAt: null, replacedBy: null },
      { revokedAt: new Date(), replacedBy: nextId },
    );
    if (claimed !== 1) {
      await this.revokeStolen(user.id, record.family, ip);
      throw new MinaException('REFRESH_TOKEN_REUSED', 'Refresh token was already used; all sessions of this sign-in were revoked');
    }
    return { user, pair: await this.issue(user, record.family, nextId) };
  }

  /** Logout: revokes the family the token belongs to and answers whose it was. Unknown tokens are ignored (204 either way). */
  async revoke(refreshToken: string): Promise<string | undefined> {
    const record = await this.em.findOne(RefreshToken, { hash: sha256(refreshToken) });
    if (!record) return undefined;
    await this.revokeFamily(record.family);
    return record.user.id;
  }

  async revokeFamily(family: string): Promise<void> {
    await this.em.nativeUpdate(RefreshToken, { family, revokedAt: null }, { revokedAt: new Date() });
    this.cache.forgetFamily(family);
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.em.nativeUpdate(RefreshToken, { user: userId, revokedAt: null }, { revokedAt: new Date() });
  }

  /**
   * Sign out everywhere: every refresh token dies and the token version moves on, so every access
   * token already handed out is refused from the next request (the auth cache is dropped here;
   * other processes follow within MINA_AUTH_CACHE_MS).
   */
  async revokeEverywhere(userId: string): Promise<void> {
    await this.revokeAllFor(userId);
    const user = await this.em.findOne(User, { id: userId });
    if (user) {
      user.tokenVersion += 1;
      await this.em.flush();
    }
    this.cache.forgetUser(userId);
    this.sockets.disconnectUser(userId);
  }

  /** A refresh token came back after it died: it leaked. Whoever holds any of the user's tokens is out. */
  private async revokeStolen(userId: string, family: string, ip?: string): Promise<void> {
    await this.revokeFamily(family);
    await this.revokeEverywhere(userId);
    await this.audit.record({ action: 'auth.refresh_reused', target: `user:${userId}`, ip, data: { family } });
  }

  /** Is the sign-in an access token came from still open (not logged out, not revoked)? */
  async familyLive(family: string): Promise<boolean> {
    const cached = this.cache.families.get(family);
    if (cached !== undefined) return cached;
    // Dead = a token of it was revoked other than by rotation (logout, reuse, sign-out everywhere). Counting
    // live tokens instead would see none for the instant between a rotation's claim and its new token.
    const live = (await this.em.count(RefreshToken, { family, revokedAt: { $ne: null }, replacedBy: null })) === 0;
    this.cache.families.set(family, live);
    return live;
  }
}
