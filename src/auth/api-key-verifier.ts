import { SetMetadata } from '@nestjs/common';
import type { ApiKeyGrant } from './api-key-grant.js';
import type { AuthUser } from './auth-user.js';

/**
 * The port auth owns for personal API keys: the integrations module stores keys and provides this;
 * auth (the HTTP guard, the socket handshake) only asks it who a key belongs to.
 */
export interface ApiKeyVerifier {
  /** The key's user with its grant, or a MinaException (TOKEN_INVALID, API_KEY_EXPIRED, API_KEY_REVOKED, ACCOUNT_DISABLED). */
  verify(key: string, ip: string): Promise<AuthUser & { apiKey: ApiKeyGrant }>;
  /** Throws API_KEY_REVOKED or API_KEY_EXPIRED unless the key still works now (one query by id): for long-lived sockets. */
  assertLive(keyId: string): Promise<void>;
}

export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');

export const SIGN_IN_REQUIRED_KEY = 'mina:sign-in-required';
/** Refuses API keys on a route (API_KEY_NOT_ALLOWED): managing credentials needs a real sign-in. */
export const SignInRequired = () => SetMetadata(SIGN_IN_REQUIRED_KEY, true);

export const API_KEY_ALLOWED_KEY = 'mina:api-key-allowed';
/**
 * Lets API keys call a read route that is not workspace-scoped. Only for routes that answer a key
 * about its own workspace and nothing else (the route filters by `user.apiKey.workspaceId`) or
 * about no workspace at all.
 */
export const ApiKeyAllowed = () => SetMetadata(API_KEY_ALLOWED_KEY, true);

/**
 * The other port auth owns for API keys: ends every key of a user at once (an SSO link takes an
 * account over from whoever set it up, see SsoAccountsService). Answers the ids it revoked.
 */
export interface ApiKeyRevoker {
  revokeAllOf(userId: string): Promise<string[]>;
}

export const API_KEY_REVOKER = Symbol('API_KEY_REVOKER');
