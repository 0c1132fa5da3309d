import { httpClient } from '../providers/httpClient';
import type { ApiKey, CreatedApiKey, NewApiKey } from './types';

const BASE = '/api/me/api-keys';
export const API_KEYS_QUERY_KEY = ['mina', 'api-keys'] as const;

export async function listApiKeys(): Promise<ApiKey[]> {
  const range = encodeURIComponent('[0,199]');
  return (await httpClient(`${BASE}?range=${range}`)).json as ApiKey[];
}

/** The key is created in the selected workspace (httpClient sends it as X-Workspace-Id). */
export async function createApiKey(body: NewApiKey): Promise<CreatedApiKey> {
  return (await httpClient(BASE, { method: 'POST', body: JSON.stringify(body) })).json as CreatedApiKey;
}

export async function revokeApiKey(id: string): Promise<void> {
  await httpClient(`${BASE}/${id}`, { method: 'DELETE' });
}
