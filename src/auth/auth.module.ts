import { MikroORM } from '@mikro-orm/core';
import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { withContext } from '../database/with-context.js';
import { MeController } from '../users/me.controller.js';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { TokensService } from './tokens.service.js';
import { SsoPasswordPolicy } from './oidc/sso-password-policy.js';
import { UserIdentitiesRepository } from './oidc/user-identities.repository.js';

@Module({
  imports: [
    UsersModule,
    WorkspacesModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [MINA_CONFIG],
      useFactory: (config: MinaConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', issuer: 'mina' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'mina' },
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, TokensService, JwtStrategy, LoginThrottleService, SsoPasswordPolicy, UserIdentitiesRepository],
  exports: [AuthService, TokensService, JwtModule],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    private readonly auth: AuthService,
    private readonly orm: MikroORM,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role !== 'worker') await withContext(this.orm, () => this.auth.ensureInstanceAdmin());
  }
}
