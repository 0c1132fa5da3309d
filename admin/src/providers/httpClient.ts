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

function authHeaders(token: string | null, init?: HeadersInit): Headers {
  const headers = new Headers(init ?? { Accept: 'application/json' });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const workspaceId = getWorkspaceId();
  if (workspaceId && !headers.has('X-Workspace-Id')) headers.set('X-Workspace-Id', workspaceId);
  return headers;
}

/** A 401 triggers one refresh (shared with any concurrent one) and one retry; a second 401 reaches authProvider.checkError. */
async function withToken<T>(send: (token: string | null) => Promise<T>): Promise<T> {
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

/** fetchJson plus the bearer token and the selected workspace. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  return withToken((token) =>
    fetchUtils.fetchJson(url, { ...options, headers: authHeaders(token, options.headers) }),
  );
}

/** A failed response as HttpError: the API's JSON body (or the text as message), plus Retry-After when sent. */
async function responseError(res: Response): Promise<HttpError> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not the API's JSON error: the text is the message.
  }
  const message =
    typeof body === 'object' && body !== null && 'message' in body
      ? String((body as { message: unknown }).message)
      : text || res.statusText;
  const retryAfter = Number(res.headers.get('Retry-After'));
  if (Number.isFinite(retryAfter) && retryAfter > 0 && typeof body === 'object' && body !== null)
    body = { ...body, retryAfterSeconds: retryAfter };
  return new HttpError(message, res.status, body);
}

/** A file (an export): the body as a Blob, with the same token, workspace and refresh as httpClient; errors as HttpError with the API's body. */
export async function httpBlob(url: string): Promise<{ blob: Blob; headers: Headers }> {
  return withToken(async (token) => {
    const res = await fetch(url, { headers: authHeaders(token, { Accept: '*/*' }) });
    if (!res.ok) throw await responseError(res);
    return { blob: await res.blob(), headers: res.headers };
  });
}

/**
 * A JSON request whose answer streams (`Accept: text/event-stream`): the Response once it is ok,
 * its body left to the caller; same token, workspace, refresh and errors as httpBlob.
 */
export async function httpEventStream(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return withToken(async (token) => {
    const headers = authHeaders(token, { Accept: 'text/event-stream', 'Content-Type': 'application/json' });
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!res.ok) throw await responseError(res);
    return res;
  });
}

/** For endpoints that answer 202/204 with no body. */
export async function httpSend(url: string, method: string, body?: unknown) {
  return httpClient(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}
