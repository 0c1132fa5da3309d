import { Global, Module } from '@nestjs/common';
import { API_KEY_REVOKER, API_KEY_VERIFIER } from '#src/auth/api-key-verifier.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { ApiKeyActivity } from './api-key-activity.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * Personal API keys. Global only for the ports auth owns (API_KEY_VERIFIER: the HTTP guard and the
 * socket handshake ask it who a key belongs to; API_KEY_REVOKER: SSO linking ends a user's keys)
 * without importing this module.
 */
@Global()
@Module({
  imports: [WorkspacesModule],
  controllers: [ApiKeysController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    ApiKeyActivity,
    ApiKeyAuthenticator,
    { provide: API_KEY_VERIFIER, useExisting: ApiKeyAuthenticator },
    { provide: API_KEY_REVOKER, useExisting: ApiKeysService },
  ],
  exports: [API_KEY_VERIFIER, API_KEY_REVOKER],
})
export class ApiKeysModule {}
