import { httpClient } from '../providers/httpClient';
import type { ApiKeyView, CreatedApiKeyView, CreateApiKeyInput } from '@mina/contract/api-keys';

const BASE = '/api/me/api-keys';
export const API_KEYS_QUERY_KEY = ['mina', 'api-keys'] as const;

export async function listApiKeys(): Promise<ApiKeyView[]> {
  const range = encodeURIComponent('[0,199]');
  return (await httpClient(`${BASE}?range=${range}`)).json as ApiKeyView[];
}

/** The key is created in the selected workspace (httpClient sends it as X-Workspace-Id). */
export async function createApiKey(body: CreateApiKeyInput): Promise<CreatedApiKeyView> {
  return (await httpClient(BASE, { method: 'POST', body: JSON.stringify(body) })).json as CreatedApiKeyView;
}

export async function revokeApiKey(id: string): Promise<void> {
  await httpClient(`${BASE}/${id}`, { method: 'DELETE' });
}
