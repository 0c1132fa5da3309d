import { fetchUtils } from 'react-admin';
import type { SsoConfigView } from '@mina/contract/sso';

/** A full-page navigation, not a fetch: the provider's pages must be the browser's. */
export const SSO_LOGIN_URL = '/api/auth/oidc/login';

const OFF: SsoConfigView = { enabled: false, label: null };

/** Whether SSO is on; a server without the route (or unreachable) simply has none. */
export async function fetchSsoConfig(): Promise<SsoConfigView> {
  try {
    const { json } = await fetchUtils.fetchJson('/api/auth/oidc/config');
    const body = json as Partial<SsoConfigView>;
    return { enabled: body.enabled === true, label: typeof body.label === 'string' ? body.label : null };
  } catch {
    return OFF;
  }
}
