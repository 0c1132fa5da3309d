import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthCacheService, type CachedPrincipal } from './auth-cache.service.js';
import { type AccessTokenPayload, type AuthUser } from './auth-user.js';
import { TokensService } from './tokens.service.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(MINA_CONFIG) config: MinaConfig,
    private readonly users: UsersRepository,
    private readonly cache: AuthCacheService,
    private readonly tokens: TokensService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject once, not the string: jsonwebtoken otherwise tries (and fails) to parse the
      // secret as a public key on every request before making a secret key of it. passport-jwt
      // hands the value straight to jsonwebtoken, which takes a KeyObject; its types predate that.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      // Only our own algorithm: "alg":"none" and RS/HS confusion are refused by the verifier.
      algorithms: ['HS256'],
      ignoreExpiration: false,
      issuer: 'mina',
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    if (payload?.typ !== 'access' || typeof payload.sub !== 'string') {
      throw new MinaException('TOKEN_INVALID', 'Access token is not valid');
    }
    const user = await this.principal(payload.sub);
    if (!user || user.tokenVersion !== payload.ver) throw new MinaException('TOKEN_INVALID', 'Access token is no longer valid');
    if (payload.fam !== undefined && !(await this.tokens.familyLive(payload.fam))) throw new MinaException('TOKEN_INVALID', 'Access token is no longer valid (signed out)');
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled');
    return { id: user.id, email: user.email, name: user.name, isInstanceAdmin: user.isInstanceAdmin };
  }

  private async principal(userId: string): Promise<CachedPrincipal | undefined> {
    const cached = this.cache.users.get(userId);
    if (cached) return cached;
    const user = await this.users.findById(userId);
    if (!user) return undefined;
    const principal = { id: user.id, email: user.email, name: user.name, isInstanceAdmin: user.isInstanceAdmin, isActive: user.isActive, tokenVersion: user.tokenVersion };
    this.cache.users.set(userId, principal);
    return principal;
  }
}
