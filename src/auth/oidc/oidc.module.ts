import { Module } from '@nestjs/common';
import { UsersModule } from '#src/users/users.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { AuthModule } from '../auth.module.js';
import { OidcClientService } from './oidc-client.service.js';
import { OidcController } from './oidc.controller.js';
import { SignInTicketsStore } from './sign-in-tickets.store.js';
import { SsoAccountsService } from './sso-accounts.service.js';
import { SsoSignInService } from './sso-sign-in.service.js';
import { UserIdentitiesRepository } from './user-identities.repository.js';

/** Single sign-on with OpenID Connect (openid-client); its routes answer 404 when not configured. */
@Module({
  imports: [AuthModule, UsersModule, WorkspacesModule],
  controllers: [OidcController],
  providers: [OidcClientService, SsoSignInService, SsoAccountsService, SignInTicketsStore, UserIdentitiesRepository],
  exports: [OidcClientService],
})
export class OidcModule {}
