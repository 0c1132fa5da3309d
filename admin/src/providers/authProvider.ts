import type { AuthProvider } from 'react-admin';
import * as authClient from './authClient';
import { canAccess, type Permissions } from './canAccess';
import { errorCode, errorStatus, SessionExpiredError } from './errors';
import { forgetMe, getMe } from './me';
import { queryClient } from './queryClient';
import { ME_QUERY_KEY } from './useMe';
import { effectiveRole, getWorkspaceId } from './workspace';

const SIGNED_OUT: Permissions = {
  userId: null,
  isInstanceAdmin: false,
  role: null,
  workspaceId: null,
  rules: { instance: [], workspaces: {} },
};

async function getPermissions(): Promise<Permissions> {
  if (!authClient.hasSession()) {
    // An instant answer here makes react-admin's signed-out redirect race its own cache
    // reset and loop for seconds (marmelab/react-admin#10764); a short pause avoids it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return SIGNED_OUT;
  }
  const me = await getMe();
  return {
    userId: me.id,
    isInstanceAdmin: me.isInstanceAdmin,
    role: effectiveRole(me),
    workspaceId: getWorkspaceId(),
    rules: { instance: me.rules, workspaces: Object.fromEntries(me.memberships.map((m) => [m.workspaceId, m.rules])) },
  };
}

export const authProvider: AuthProvider = {
  async login(params: { email: string; password: string } | { sso: true }) {
    forgetMe();
    if ('sso' in params) await authClient.loginWithSso();
    else await authClient.login(params.email, params.password);
    await getMe({ force: true });
    // Another user may have been signed in before: drop their cached permissions.
    queryClient.removeQueries({ queryKey: ['auth'] });
    queryClient.removeQueries({ queryKey: ME_QUERY_KEY });
  },

  async logout() {
    forgetMe();
    await authClient.logout();
  },

  async checkAuth() {
    if (!authClient.hasSession()) throw new Error('ra.auth.auth_check_error');
    try {
      await authClient.getAccessToken();
    } catch (error) {
      // Only a dead refresh token ends the session; a network blip should not.
      if (error instanceof SessionExpiredError) throw error;
    }
  },

  async checkError(error: unknown) {
    const status = errorStatus(error);
    if (status === 401 || (status === 403 && errorCode(error) === 'ACCOUNT_DISABLED')) {
      // react-admin answers a rejection by calling logout(), which revokes the refresh token.
      throw error;
    }
    // 403 is "your role does not allow this": keep the session, show the message.
  },

  async getIdentity() {
    if (!authClient.hasSession()) throw new Error('ra.auth.auth_check_error');
    const me = await getMe();
    return { id: me.id, fullName: me.name || me.email, email: me.email };
  },

  getPermissions,

  async canAccess(params) {
    return canAccess(await getPermissions(), params);
  },
};
