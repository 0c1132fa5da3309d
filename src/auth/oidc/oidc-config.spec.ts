import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactedConfig } from '#src/config/config.js';

const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) };
const sso = { MINA_OIDC_ISSUER: 'https://id.example.com', MINA_OIDC_CLIENT_ID: 'mina', MINA_OIDC_CLIENT_SECRET: 'shh-secret' };
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('SSO configuration (MINA_OIDC_*)', () => {
  it('is off unless issuer, client id and secret are all set', () => {
    expect(loadConfig(base).oidc).toBeUndefined();
  });

  it('has safe defaults once on', () => {
    expect(loadConfig({ ...base, ...sso }).oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'mina',
      clientSecret: 'shh-secret',
      tokenAuth: 'client_secret_basic',
      redirectUrl: undefined,
      allowedDomains: [],
      defaultWorkspace: undefined,
      defaultRole: 'member',
      disableLocalPasswords: false,
      requireVerifiedEmail: true,
      allowHttp: false,
      label: 'SSO',
      stateTtlSeconds: 600,
      handoffTtlSeconds: 60,
      httpTimeoutSeconds: 10,
    });
  });

  it.each([
    [{ MINA_OIDC_ISSUER: 'https://id.example.com' }, /go together \(missing MINA_OIDC_CLIENT_ID, MINA_OIDC_CLIENT_SECRET\)/],
    [{ ...sso, MINA_OIDC_ISSUER: 'http://127.0.0.1:9000' }, /MINA_OIDC_ISSUER must use https:/],
    [{ ...sso, MINA_OIDC_REDIRECT_URL: 'http://mina.example/api/auth/oidc/callback' }, /MINA_OIDC_REDIRECT_URL must use https:/],
    [{ ...sso, MINA_OIDC_DEFAULT_ROLE: 'owner' }, /MINA_OIDC_DEFAULT_ROLE must be one of admin, member, viewer/],
    [{ ...sso, MINA_OIDC_ALLOWED_DOMAINS: 'example.com, not a domain' }, /"not a domain" is not a domain/],
    [{ ...sso, MINA_OIDC_ALLOWED_DOMAINS: '*' }, /"\*" is not a domain/],
    [{ ...sso, MINA_OIDC_STATE_TTL_SECONDS: '5' }, /MINA_OIDC_STATE_TTL_SECONDS must be an integer between 30 and 3600/],
    [{ ...sso, MINA_OIDC_HANDOFF_TTL_SECONDS: '3600' }, /MINA_OIDC_HANDOFF_TTL_SECONDS must be an integer between 5 and 600/],
    [{ ...sso, MINA_OIDC_TOKEN_AUTH: 'private_key_jwt' }, /MINA_OIDC_TOKEN_AUTH must be one of/],
    [{ ...sso, MINA_OIDC_LABEL: 'x'.repeat(61) }, /MINA_OIDC_LABEL must be at most 60 characters/],
  ])('refuses %j', (env, expected) => {
    expect(problems(env).join('\n')).toMatch(expected);
  });

  it('accepts an http issuer only when MINA_OIDC_ALLOW_HTTP is on, and lowercases domains', () => {
    const oidc = loadConfig({ ...base, ...sso, MINA_OIDC_ISSUER: 'http://127.0.0.1:9000', MINA_OIDC_ALLOW_HTTP: 'true', MINA_OIDC_ALLOWED_DOMAINS: 'Example.COM, *.corp.test' }).oidc;
    expect(oidc).toMatchObject({ issuer: 'http://127.0.0.1:9000', allowHttp: true, allowedDomains: ['example.com', '*.corp.test'] });
  });

  it('keeps the client secret out of the start-up log', () => {
    expect(JSON.stringify(redactedConfig(loadConfig({ ...base, ...sso })))).not.toContain('shh-secret');
  });
});
