import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { UsersRepository } from '../users/users.repository.js';
import { type AccessTokenPayload, type AuthUser } from './auth-user.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(MINA_CONFIG) config: MinaConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
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
    const user = await this.users.findById(payload.sub);
    if (!user || user.tokenVersion !== payload.ver) throw new MinaException('TOKEN_INVALID', 'Access token is no longer valid');
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled');
    return { id: user.id, email: user.email, name: user.name, isInstanceAdmin: user.isInstanceAdmin };
  }
}
