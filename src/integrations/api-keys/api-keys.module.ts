import { Global, Module } from '@nestjs/common';
import { API_KEY_VERIFIER } from '#src/auth/api-key-verifier.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { ApiKeyActivity } from './api-key-activity.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * Personal API keys. Global only for the port auth owns (API_KEY_VERIFIER): the HTTP guard and the
 * socket handshake ask it who a key belongs to without importing this module.
 */
@Global()
@Module({
  imports: [WorkspacesModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeyActivity, ApiKeyAuthenticator, { provide: API_KEY_VERIFIER, useExisting: ApiKeyAuthenticator }],
  exports: [API_KEY_VERIFIER],
})
export class ApiKeysModule {}
