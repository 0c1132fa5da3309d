import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import * as oidc from 'openid-client';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig, OidcConfig } from '#src/config/config.js';
import type { PendingSignIn } from './sealed-state.js';

/** What Mina needs to know about the person the provider signed in. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

export interface OidcStatus {
  configured: boolean;
  /** null until the first discovery attempt has finished. */
  discovered: boolean | null;
  issuer?: string;
  message?: string;
}

const SCOPE = 'openid email profile';

/**
 * The relying party: discovery (lazy, retried on the next use after a failure, never blocking
 * start-up), the authorization request (code flow with PKCE S256, state and nonce), and the code
 * redemption with ID token validation (openid-client 6).
 */
@Injectable()
export class OidcClientService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Oidc');
  private readonly settings: OidcConfig | undefined;
  private discovered: oidc.Configuration | undefined;
  private inFlight: Promise<oidc.Configuration> | undefined;
  private failure: string | undefined;
  private failedAt = 0;

  constructor(@Inject(MINA_CONFIG) private readonly config: MinaConfig) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** The settings, or the 404 every SSO route answers on an instance without SSO. */
  requireSettings(): OidcConfig {
    if (!this.settings) throw new MinaException('OIDC_NOT_CONFIGURED', 'Single sign-on is not configured on this instance');
    return this.settings;
  }

  status(): OidcStatus {
    if (!this.settings) return { configured: false, discovered: null };
    const discovered = this.discovered ? true : this.failure !== undefined ? false : null;
    return { configured: true, discovered, issuer: this.settings.issuer, ...(this.failure ? { message: this.failure } : {}) };
  }

  onApplicationBootstrap(): void {
    if (!this.settings) {
      this.logger.log('Single sign-on: not configured');
      return;
    }
    if (this.config.role === 'worker') return;
    if (this.settings.allowedDomains.length === 0) this.logger.warn('Single sign-on: MINA_OIDC_ALLOWED_DOMAINS is empty, so any email the provider vouches for may sign in');
    // Not awaited: a provider that is down must not keep Mina from starting; sign-in retries.
    this.configuration().then(
      () => this.logger.log(`Single sign-on: configured, discovery of ${this.settings?.issuer} succeeded`),
      () => this.logger.warn(`Single sign-on: configured, discovery of ${this.settings?.issuer} failed (${this.failure}); retried at the next sign-in`),
    );
  }

  /** The provider's metadata; one discovery at a time, repeated after a failure when next needed. */
  configuration(): Promise<oidc.Configuration> {
    if (this.discovered) return Promise.resolve(this.discovered);
    this.inFlight ??= this.discover().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Discovery failed a while ago: try again in the background (the health probe calls this). */
  retryIfStale(now = Date.now(), afterMs = 30_000): void {
    if (!this.settings || this.discovered || this.inFlight || now - this.failedAt < afterMs) return;
    this.configuration().catch(() => undefined);
  }

  private async discover(): Promise<oidc.Configuration> {
    const s = this.requireSettings();
    const auth = s.tokenAuth === 'client_secret_post' ? oidc.ClientSecretPost(s.clientSecret) : oidc.ClientSecretBasic(s.clientSecret);
    try {
      const configuration = await oidc.discovery(new URL(s.issuer), s.clientId, { client_secret: s.clientSecret }, auth, {
        execute: s.allowHttp ? [oidc.allowInsecureRequests] : [],
        timeout: s.httpTimeoutSeconds,
      });
      this.discovered = configuration;
      this.failure = undefined;
      return configuration;
    } catch (error) {
      this.failure = describe(error);
      this.failedAt = Date.now();
      throw unavailable(this.failure);
    }
  }

  /** Where to send the browser, and what the callback must find again. */
  async startSignIn(redirectUri: string, now = Date.now()): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      redirectUri,
      expiresAt: now + this.requireSettings().stateTtlSeconds * 1000,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Trades the code for tokens (state, nonce, PKCE and the ID token all checked by openid-client)
   * and reads who signed in: from the ID token, or from userinfo when the provider keeps the email
   * claims there (oidc-provider does by default).
   */
  async finishSignIn(pending: PendingSignIn, callbackQuery: URLSearchParams): Promise<ProviderIdentity> {
    const configuration = await this.configuration();
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = callbackQuery.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw redemptionError(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new MinaException('OIDC_CODE_INVALID', 'The provider answered without an ID token');
    let source: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string') {
      try {
        source = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
      } catch (error) {
        throw isUnavailable(error) ? unavailable(describe(error)) : new MinaException('OIDC_CODE_INVALID', `The provider's userinfo answer was not usable: ${describe(error)}`);
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof source.email === 'string' ? source.email : undefined,
      emailVerified: source.email_verified === true || source.email_verified === 'true',
      name: typeof source.name === 'string' ? source.name : undefined,
    };
  }
}

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${message}${cause}`.slice(0, 300);
};

const unavailable = (detail: string): MinaException =>
  new MinaException('OIDC_PROVIDER_UNAVAILABLE', 'The single sign-on provider could not be reached; try again shortly', { detail });

/** Network failures, timeouts and 5xx answers: the provider is down, not the request wrong. */
function isUnavailable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  if (!(error instanceof oidc.ClientError)) return false;
  if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return true;
  return error.cause instanceof Response && error.cause.status >= 500;
}

function redemptionError(error: unknown): MinaException {
  if (error instanceof MinaException) return error;
  if (isUnavailable(error)) return unavailable(describe(error));
  if (error instanceof oidc.AuthorizationResponseError) {
    return new MinaException('OIDC_PROVIDER_ERROR', `The provider refused the sign-in: ${error.error}`, { error: error.error, description: error.error_description });
  }
  if (error instanceof oidc.ResponseBodyError) {
    return new MinaException('OIDC_CODE_INVALID', 'The sign-in code was refused by the provider (used already, expired or not ours)', { error: error.error });
  }
  return new MinaException('OIDC_CODE_INVALID', `The provider's answer did not validate: ${describe(error)}`);
}
