/* A real OpenID provider (oidc-provider 9) on a loopback port, for the SSO tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ProviderAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts the provider knows, by subject. */
  accounts: Map<string, ProviderAccount>;
  /** Registers Mina's callback and starts answering (until then every request is a 503, as if down). */
  register(redirectUri: string): void;
  /** Answers every request with a 503 while true (an outage). */
  setDown(down: boolean): void;
  /** Who the next interaction signs in as (the test's stand-in for a login form). */
  signInAs(sub: string): void;
  /** Drives an authorization URL through the provider; answers the redirect back to the client. */
  authorize(authorizationUrl: string, sub: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const accounts = new Map<string, ProviderAccount>();
  const clientId = 'mina-test';
  const clientSecret = 'mina-test-secret-that-is-long-enough';
  let provider: Provider | undefined;
  let nextSub: string | undefined;
  let down = false;

  /**
   * The interaction (login and consent) completes at once, as whoever `signInAs` named: the
   * provider's own interaction API, without an HTML form.
   */
  async function interaction(req: IncomingMessage, res: ServerResponse, p: Provider): Promise<void> {
    const details = await p.interactionDetails(req, res);
    const accountId = nextSub;
    if (!accountId || !accounts.has(accountId)) {
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'no such test account' });
      return;
    }
    const grant = new p.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await p.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const server: Server = createServer((req, res) => {
    if (!provider || down) {
      res.writeHead(503).end('provider unavailable');
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res, provider).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const cookieJar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookieJar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    register(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            token_endpoint_auth_method: 'client_secret_basic',
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
        cookies: { keys: ['test-provider-cookie-key'] },
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
        findAccount: (_ctx, sub) => {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name }),
          };
        },
      });
    },
    setDown(value) {
      down = value;
    },
    signInAs(sub) {
      nextSub = sub;
    },
    async authorize(authorizationUrl, sub) {
      nextSub = sub;
      // Each flow is a fresh browser at the provider: no session carried over.
      cookieJar.clear();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop += 1) {
        if (url.origin !== issuer) return url;
        const response = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        remember(response);
        const location = response.headers.get('location');
        if (!location) throw new Error(`provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
        url = new URL(location, url);
      }
      throw new Error('too many redirects at the provider');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
