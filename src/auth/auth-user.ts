import type { ApiKeyGrant } from './api-key-grant.js';

/** What a verified access token tells the rest of the app about the caller. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  isInstanceAdmin: boolean;
  /** Set when the request came with a personal API key instead of a sign-in: what the key may reach. */
  apiKey?: ApiKeyGrant;
}

export interface AccessTokenPayload {
  sub: string;
  ver: number;
  typ: 'access';
  /** The refresh-token family (one sign-in on one device): its logout ends this token too. Absent in tokens from before. */
  fam?: string;
}
