/** Single sign-on on the login page (mina.sso.*); errors are keyed by the server's code. */
export const ssoMessages = {
  sso: {
    sign_in_with: 'Sign in with %{label}',
    or: 'or',
    finishing: 'Finishing single sign-on…',
    failed: 'Single sign-on did not complete',
    with_code: '%{message} (%{code})',
    errors: {
      OIDC_STATE_INVALID: 'This sign-in expired, was already used, or was started in another browser. Please start it again.',
      OIDC_CODE_INVALID: 'The identity provider’s answer could not be used (it may have been used already). Please sign in again.',
      OIDC_PROVIDER_ERROR: 'The identity provider did not complete the sign-in.',
      OIDC_PROVIDER_UNAVAILABLE: 'The identity provider cannot be reached right now. Try again shortly, or sign in with your password.',
      OIDC_NOT_CONFIGURED: 'Single sign-on is not set up on this server.',
      OIDC_MISCONFIGURED: 'Single sign-on is not set up correctly on this server; ask an administrator.',
      OIDC_DOMAIN_NOT_ALLOWED: 'Accounts of your email domain may not sign in here.',
      OIDC_EMAIL_MISSING: 'The identity provider did not share your email address.',
      OIDC_EMAIL_NOT_VERIFIED: 'Your email is not verified at the identity provider, so it cannot be used here yet.',
      OIDC_HANDOFF_INVALID: 'This sign-in took too long to complete. Please sign in again.',
      ACCOUNT_DISABLED: 'This account is disabled; ask an administrator.',
      QUOTA_EXCEEDED: 'The workspace new accounts join is full; ask an administrator.',
      OIDC_ACCOUNT_CONFLICT: 'The account with your email is already linked to another identity at this provider; ask an administrator.',
    },
  },
};
