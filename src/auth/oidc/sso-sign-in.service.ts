import { Inject, Injectable, Logger } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AuditService } from '#src/audit/audit.service.js';
import { MinaException } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { toUserView, UsersService } from '#src/users/users.service.js';
import type { LoginResult } from '../auth.service.js';
import { TokensService } from '../tokens.service.js';
import { OidcClientService, type ProviderIdentity } from './oidc-client.service.js';
import { SealedState } from './sealed-state.js';
import { SignInTicketsStore } from './sign-in-tickets.store.js';
import { SsoAccountsService } from './sso-accounts.service.js';

const sameString = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The three steps of an SSO sign-in. `start` seals what the callback needs into the browser's
 * cookie; `finish` checks it (once), redeems the code at the provider and finds or makes the
 * account; `exchange` is the console trading the one-time handoff for the same token pair a
 * password login returns. Tokens never travel in a URL.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger('Oidc');
  private readonly sealer: SealedState;

  constructor(
    private readonly client: OidcClientService,
    private readonly accounts: SsoAccountsService,
    private readonly tickets: SignInTicketsStore,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    this.sealer = new SealedState(config.jwtSecret);
  }

  async start(redirectUri: string): Promise<{ url: string; sealed: string; ttlSeconds: number }> {
    const { url, pending } = await this.client.startSignIn(redirectUri);
    return { url: url.href, sealed: this.sealer.seal(pending), ttlSeconds: this.client.requireSettings().stateTtlSeconds };
  }

  /** The handoff code for the console; refusals past the state check are audited with their reason, and rethrown. */
  async finish(sealed: string | undefined, query: URLSearchParams, ip: string): Promise<string> {
    const settings = this.client.requireSettings();
    let who: ProviderIdentity | undefined;
    let genuine = false;
    try {
      const pending = this.sealer.open(sealed);
      const state = query.get('state');
      if (!pending || state === null || !sameString(state, pending.state)) {
        throw new MinaException('OIDC_STATE_INVALID', 'This sign-in was not started here, has expired, or was already used; start it again');
      }
      if (!(await this.tickets.burnState(pending.state, settings.stateTtlSeconds))) {
        throw new MinaException('OIDC_STATE_INVALID', 'This sign-in was already used; start it again');
      }
      genuine = true;
      who = await this.client.finishSignIn(pending, query);
      const user = await this.accounts.resolve(who, ip);
      const code = await this.tickets.issueHandoff(user.id, settings.handoffTtlSeconds);
      await this.audit.record({ actorId: user.id, action: 'auth.sso.login', target: `user:${user.id}`, ip, data: { issuer: who.issuer, subject: who.subject, email: user.email } });
      return code;
    } catch (error) {
      const code = error instanceof MinaException ? error.code : 'INTERNAL';
      if (code === 'INTERNAL') this.logger.error(`SSO callback failed: ${(error as Error).stack ?? String(error)}`);
      // Anyone can call the callback with a made-up or spent state: that is logged, not audited, so
      // anonymous requests cannot grow the audit log. A sign-in that got past its state is audited.
      if (!genuine) {
        this.logger.warn(`SSO callback refused from ${ip}: ${code}`);
        throw error;
      }
      await this.audit
        .record({ action: 'auth.sso.refused', ip, data: { reason: code, ...(who ? { issuer: who.issuer, subject: who.subject, email: who.email } : {}) } })
        .catch(() => undefined);
      throw error;
    }
  }

  async exchange(handoff: string | undefined): Promise<LoginResult> {
    this.client.requireSettings();
    const userId = handoff ? await this.tickets.redeemHandoff(handoff) : null;
    const user = userId ? await this.usersRepo.findById(userId) : null;
    if (!user) throw new MinaException('OIDC_HANDOFF_INVALID', 'This single sign-on result has expired or was already used; sign in again');
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    await this.users.recordLogin(user);
    return { ...(await this.tokens.issue(user)), user: toUserView(user) };
  }
}
