import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '#src/audit/audit.service.js';
import { API_KEY_REVOKER, type ApiKeyRevoker } from '#src/auth/api-key-verifier.js';
import { MinaException, quotaExceeded } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig, OidcConfig } from '#src/config/config.js';
import type { User } from '#src/users/entities/user.entity.js';
import { normalizeEmail, UsersRepository } from '#src/users/users.repository.js';
import { UsersService } from '#src/users/users.service.js';
import { WorkspacesRepository } from '#src/workspaces/workspaces.repository.js';
import { WorkspacesService } from '#src/workspaces/workspaces.service.js';
import { TokensService } from '../tokens.service.js';
import { emailDomainAllowed } from './email-domain.js';
import type { ProviderIdentity } from './oidc-client.service.js';
import { UserIdentitiesRepository } from './user-identities.repository.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Another sign-in wrote the same account or identity between our look-up and our insert. */
const lostRace = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException || (error instanceof MinaException && error.code === 'EMAIL_TAKEN');

/**
 * Which account an SSO sign-in is. In order: the identity (issuer, subject) already linked; else
 * an existing account with the same email, linked only when the provider verified that email and
 * the account has no identity at this provider yet; else a new account made just in time, in the
 * default workspace with the default role.
 */
@Injectable()
export class SsoAccountsService {
  constructor(
    private readonly identities: UserIdentitiesRepository,
    private readonly usersRepo: UsersRepository,
    private readonly users: UsersService,
    private readonly workspacesRepo: WorkspacesRepository,
    private readonly workspaces: WorkspacesService,
    private readonly tokens: TokensService,
    @Inject(API_KEY_REVOKER) private readonly apiKeys: ApiKeyRevoker,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  async resolve(who: ProviderIdentity, ip: string): Promise<User> {
    try {
      return await this.resolveOnce(who, ip);
    } catch (error) {
      if (!lostRace(error)) throw error;
      // Two first sign-ins of one person at once (a double click, two tabs): the other one made the
      // account or linked the identity after we looked. Looking again finds what it wrote.
      this.identities.forgetUnsaved();
      return this.resolveOnce(who, ip);
    }
  }

  private async resolveOnce(who: ProviderIdentity, ip: string): Promise<User> {
    const settings = this.config.oidc!;
    const email = who.email === undefined ? undefined : normalizeEmail(who.email);
    if (email === undefined || email.length > 320 || !EMAIL.test(email)) {
      throw new MinaException('OIDC_EMAIL_MISSING', 'The provider did not share a usable email address; allow the email scope for Mina');
    }
    if (!emailDomainAllowed(email, settings.allowedDomains)) {
      throw new MinaException('OIDC_DOMAIN_NOT_ALLOWED', `Accounts of ${email.slice(email.lastIndexOf('@') + 1)} may not sign in here`, { email });
    }
    const linked = await this.identities.find(who.issuer, who.subject);
    if (linked) {
      linked.email = email;
      linked.lastLoginAt = new Date();
      await this.identities.flush();
      return this.active(linked.user);
    }
    const existing = await this.usersRepo.findByEmail(email);
    if (existing) {
      if (!who.emailVerified) {
        throw new MinaException('OIDC_EMAIL_NOT_VERIFIED', 'An account with this email exists, but the provider has not verified the email, so it cannot be linked; verify it at the provider or ask an administrator', { email });
      }
      this.active(existing);
      // An email moves between people (a reused address, a provider's rename); the (issuer, subject)
      // the account was linked with is who owns it, so another subject never joins it by email.
      if (await this.identities.userHasIdentityAt(existing.id, who.issuer)) {
        throw new MinaException('OIDC_ACCOUNT_CONFLICT', 'The account with this email already signs in as another person at this provider; ask an administrator', { email });
      }
      await this.takeOver(existing, who, email, ip);
      return existing;
    }
    if (settings.requireVerifiedEmail && !who.emailVerified) {
      throw new MinaException('OIDC_EMAIL_NOT_VERIFIED', 'The provider has not verified this email, so no account is made for it; verify it at the provider first', { email });
    }
    return this.createJustInTime(settings, who, email, ip);
  }

  /**
   * Links an existing account by email. Registration never proves that whoever made the account owns
   * the address, so someone may have registered it ahead of its owner and wait for the owner's first
   * SSO sign-in: whatever the account's old credentials opened is ended before the link — every
   * session (refresh and access tokens, open sockets), the password (replaced by one nobody knows; an
   * administrator's reset sets one again, when passwords are allowed) and every API key. Ended first,
   * so a failure halfway leaves the account locked, never shared.
   */
  private async takeOver(user: User, who: ProviderIdentity, email: string, ip: string): Promise<void> {
    await this.tokens.revokeEverywhere(user.id);
    await this.users.retirePassword(user);
    const apiKeys = await this.apiKeys.revokeAllOf(user.id);
    await this.linkIdentity(user, who, email, 'verified-email', ip, { revoked: { sessions: true, password: true, apiKeys } });
  }

  private active(user: User): User {
    if (!user.isActive) throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    return user;
  }

  private async linkIdentity(user: User, who: ProviderIdentity, email: string, via: 'verified-email' | 'new-account', ip: string, extra: Record<string, unknown> = {}): Promise<void> {
    this.identities.link(user, who.issuer, who.subject, email);
    await this.identities.flush();
    await this.audit.record({ actorId: user.id, action: 'auth.sso.link', target: `user:${user.id}`, ip, data: { issuer: who.issuer, subject: who.subject, email, via, ...extra } });
  }

  private async createJustInTime(settings: OidcConfig, who: ProviderIdentity, email: string, ip: string): Promise<User> {
    const workspace = settings.defaultWorkspace === undefined ? undefined : await this.identities.findWorkspace(settings.defaultWorkspace);
    if (settings.defaultWorkspace !== undefined && !workspace) {
      throw new MinaException('OIDC_MISCONFIGURED', 'The workspace new single sign-on accounts join (MINA_OIDC_DEFAULT_WORKSPACE) does not exist; ask an administrator');
    }
    const limit = this.config.limits.membersPerWorkspace;
    if (workspace && (await this.workspacesRepo.countMembers(workspace.id)) >= limit) {
      throw quotaExceeded('membersPerWorkspace', limit, `The workspace new accounts join has ${limit} members, the most it may have; ask an administrator`);
    }
    // Nobody knows this password: the account signs in through the provider until someone resets it.
    const user = await this.users.create({ email, name: displayName(who, email), password: randomBytes(32).toString('base64url') });
    if (workspace) {
      this.workspacesRepo.addMember(workspace, user, settings.defaultRole);
      await this.workspacesRepo.flush();
    } else {
      await this.workspaces.create(user, { name: `${user.name}'s workspace` });
    }
    await this.audit.record({
      actorId: user.id,
      action: 'auth.sso.jit',
      target: `user:${user.id}`,
      workspaceId: workspace?.id,
      ip,
      data: { email, issuer: who.issuer, ...(workspace ? { workspaceId: workspace.id, role: settings.defaultRole } : { workspace: 'own' }) },
    });
    await this.linkIdentity(user, who, email, 'new-account', ip);
    return user;
  }
}

function displayName(who: ProviderIdentity, email: string): string {
  const name = who.name?.trim().slice(0, 200);
  return name || email.slice(0, email.lastIndexOf('@')).slice(0, 200);
}
