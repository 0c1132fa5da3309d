/** GET /api/auth/oidc/config: whether the login page offers single sign-on, and what its button says. */
export interface SsoConfig {
  enabled: boolean;
  label: string | null;
}
