/* Single sign-on (OpenID Connect) as the console's login page sees it. */

/** GET /api/auth/oidc/config: whether the login page offers single sign-on, and what its button says. */
export interface SsoConfigView {
  enabled: boolean;
  /** null while SSO is off. */
  label: string | null;
}
