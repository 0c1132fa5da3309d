import { Inject, Injectable } from '@nestjs/common';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import type { User } from '#src/users/entities/user.entity.js';
import { UserIdentitiesRepository } from './user-identities.repository.js';

/**
 * MINA_OIDC_DISABLE_PASSWORDS: an account with an SSO identity signs in through its provider only,
 * so leaving the organisation (disabled at the provider) cannot be bypassed with an old password.
 * Asked after the password was verified: telling who uses SSO to someone without it would be an
 * account oracle.
 */
@Injectable()
export class SsoPasswordPolicy {
  constructor(
    private readonly identities: UserIdentitiesRepository,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async assertPasswordAllowed(user: User): Promise<void> {
    if (!this.config.oidc?.disableLocalPasswords) return;
    if (await this.identities.userHasIdentity(user.id)) {
      throw new MinaException('PASSWORD_LOGIN_DISABLED', `This account signs in with single sign-on: use "Sign in with ${this.config.oidc.label}"`);
    }
  }
}
