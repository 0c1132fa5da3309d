/** The /api/me/api-keys shapes (folded into the contract package after the merge). */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  workspace: { id: string; name: string };
  prefix: string;
  lastChars: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface CreatedApiKey {
  id: string;
  key: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  workspaceId: string;
  expiresAt: string | null;
}

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: string;
}
