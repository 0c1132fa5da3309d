/*
 * Personal API keys (/api/me/api-keys). `T` is how a timestamp is typed (see views.ts): the
 * server builds these views with `Date`, clients read ISO strings.
 */

/** What a key may do: read is viewer-like, write member-like, admin a workspace admin. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** GET /api/me/api-keys. */
export interface ApiKeyView<T = string> {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  workspace: { id: string; name: string };
  /** `mina_` and the key's public lookup part: what the key starts with. */
  prefix: string;
  /** The key's last characters, to tell keys apart. */
  lastChars: string;
  createdAt: T;
  expiresAt: T | null;
  lastUsedAt: T | null;
  lastUsedIp: string | null;
  revokedAt: T | null;
  status: ApiKeyStatus;
}

/** POST /api/me/api-keys answers it. */
export interface CreatedApiKeyView<T = string> {
  id: string;
  /** The key itself: shown in this answer only, never again. */
  key: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  workspaceId: string;
  expiresAt: T | null;
}

/** POST /api/me/api-keys (the key belongs to the workspace of X-Workspace-Id). */
export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  /** Omitted: the longest life the server allows. */
  expiresAt?: string | null;
}
