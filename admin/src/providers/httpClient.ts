import { fetchUtils, HttpError } from 'react-admin';
import { getAccessToken, refreshSession } from './authClient';
import { errorStatus, SessionExpiredError } from './errors';
import { tokenStore } from './tokenStore';
import { getWorkspaceId } from './workspace';

async function tokenOrSignedOut(): Promise<string | null> {
  try {
    return await getAccessToken();
  } catch (error) {
    if (error instanceof SessionExpiredError)
      throw new HttpError(error.message, 401, { code: 'UNAUTHENTICATED' });
    throw error;
  }
}

/**
 * fetchJson plus the bearer token and the selected workspace. A 401 triggers one refresh
 * (shared with any concurrent one) and one retry; a second 401 reaches authProvider.checkError.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const send = (token: string | null) => {
    const headers = new Headers(options.headers ?? { Accept: 'application/json' });
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const workspaceId = getWorkspaceId();
    if (workspaceId && !headers.has('X-Workspace-Id')) headers.set('X-Workspace-Id', workspaceId);
    return fetchUtils.fetchJson(url, { ...options, headers });
  };

  const token = await tokenOrSignedOut();
  try {
    return await send(token);
  } catch (error) {
    if (errorStatus(error) !== 401 || !token) throw error;
    const latest = tokenStore.get();
    if (latest && latest.accessToken !== token) return send(latest.accessToken);
    let fresh: string;
    try {
      fresh = (await refreshSession()).accessToken;
    } catch (refreshError) {
      if (refreshError instanceof SessionExpiredError) throw error;
      throw refreshError;
    }
    return send(fresh);
  }
}

/** For endpoints that answer 202/204 with no body. */
export async function httpSend(url: string, method: string, body?: unknown) {
  return httpClient(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}
