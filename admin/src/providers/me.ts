import type { Me } from '../types';
import { hasSession } from './authClient';
import { SessionExpiredError } from './errors';
import { httpClient } from './httpClient';
import { reconcileWorkspace } from './workspace';

let mePromise: Promise<Me> | null = null;

/** The signed-in user with their memberships, fetched once per sign-in. */
export function getMe(options: { force?: boolean } = {}): Promise<Me> {
  // Signed out (or signing out): do not ask the API, it can only answer 401.
  if (!hasSession()) return Promise.reject(new SessionExpiredError());
  if (!mePromise || options.force) {
    const request = httpClient('/api/me').then(({ json }) => {
      const me = json as Me;
      reconcileWorkspace(me);
      return me;
    });
    mePromise = request;
    request.catch(() => {
      if (mePromise === request) mePromise = null;
    });
  }
  return mePromise;
}

export function forgetMe(): void {
  mePromise = null;
}
