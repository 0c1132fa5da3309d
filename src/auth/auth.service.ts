import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { normalizeEmail, UsersRepository } from '../users/users.repository.js';
import { toUserView, UsersService, type UserView } from '../users/users.service.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import type { LoginDto, RegisterDto } from './dto/auth.dto.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { SsoPasswordPolicy } from './oidc/sso-password-policy.js';
import { TokensService, type TokenPair } from './tokens.service.js';

export interface LoginResult extends TokenPair {
  user: UserView;
}

/** What registration answers, whether the email was new or already had an account (no enumeration). */
export interface RegisterResult {
  email: string;
  message: string;
}

const REGISTERED = 'If this email had no account, it has one now with a workspace of its own: sign in with POST /api/auth/login';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const BAD_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottleService,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    private readonly ssoPolicy: SsoPasswordPolicy,
  ) {}

  /**
   * Unknown email and wrong password look the same to the caller, in body and in timing: both write
   * the same one audit row (the reason code in it is for admins only). Throttled attempts write none,
   * so a flood costs the database nothing more than the throttle lets through.
   */
  async login(dto: LoginDto, ip: string): Promise<LoginResult> {
    await this.throttle.assertAllowed(ip, dto.email);
    const user = await this.usersRepo.findByEmail(dto.email, true);
    const ok = await this.passwords.verify(user?.passwordHash, dto.password);
    const email = normalizeEmail(dto.email);
    if (!user || !ok) {
      await this.throttle.recordFailure(ip, dto.email);
      await this.audit.record({ action: 'auth.sign_in_failed', target: user ? `user:${user.id}` : undefined, ip, data: { email, method: 'password', reason: user ? 'wrong_password' : 'unknown_email' } });
      throw new MinaException('INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }
    if (!user.isActive) {
      await this.audit.record({ action: 'auth.sign_in_failed', target: `user:${user.id}`, ip, data: { email, method: 'password', reason: 'account_disabled' } });
      throw new MinaException('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    }
    try {
      await this.ssoPolicy.assertPasswordAllowed(user);
    } catch (error) {
      await this.audit.record({ action: 'auth.sign_in_failed', target: `user:${user.id}`, ip, data: { email, method: 'password', reason: 'password_login_disabled' } });
      throw error;
    }
    await this.throttle.recordSuccess(ip, dto.email);
    await this.users.recordLogin(user);
    await this.audit.record({ actorId: user.id, action: 'auth.sign_in', target: `user:${user.id}`, ip, data: { method: 'password' } });
    return { ...(await this.tokens.issue(user)), user: toUserView(user) };
  }

  /**
   * Answers alike whether or not the email already has an account: same status, same body, no tokens
   * (the caller signs in next, with the stock login), and no sooner than MINA_REGISTER_MIN_MS. The
   * password is hashed on both paths, so the dominant cost is the same and the floor covers the rest
   * (the inserts of a new account). An existing account is left untouched.
   */
  async register(dto: RegisterDto, ip: string): Promise<RegisterResult> {
    if (!this.config.registrationEnabled) throw new MinaException('REGISTRATION_DISABLED', 'Self-registration is turned off on this instance');
    await this.throttle.assertRegistrationAllowed(ip);
    const started = Date.now();
    try {
      if (await this.usersRepo.findByEmail(dto.email)) {
        await this.passwords.hash(dto.password);
      } else {
        const user = await this.users.create({ email: dto.email, name: dto.name, password: dto.password });
        await this.workspaces.create(user, { name: `${user.name}'s workspace` });
        // Under the MINA_REGISTER_MIN_MS floor like the rest of this path, so it tells the caller nothing.
        await this.audit.record({ actorId: user.id, action: 'auth.registered', target: `user:${user.id}`, ip, data: { email: user.email } });
      }
    } catch (error) {
      // A registration racing another for the same address lost at the unique index: answer alike.
      if (!(error instanceof MinaException && error.code === 'EMAIL_TAKEN')) throw error;
    }
    await sleep(this.config.registerMinMs - (Date.now() - started));
    return { email: normalizeEmail(dto.email), message: REGISTERED };
  }

  async refresh(refreshToken: string, ip?: string): Promise<LoginResult> {
    const { user, pair } = await this.tokens.rotate(refreshToken, ip);
    return { ...pair, user: toUserView(user) };
  }

  /**
   * One device signs out: its refresh family dies, and with it that device's access token (it names
   * its family). The token version is not bumped: that would sign the user out on every other device
   * too, which is what logout-all is for.
   */
  async logout(refreshToken: string, ip?: string): Promise<void> {
    const userId = await this.tokens.revoke(refreshToken);
    if (userId) await this.audit.record({ actorId: userId, action: 'auth.sign_out', target: `user:${userId}`, ip });
  }

  async logoutEverywhere(userId: string, ip?: string): Promise<void> {
    await this.tokens.revokeEverywhere(userId);
    await this.audit.record({ actorId: userId, action: 'auth.sign_out_everywhere', target: `user:${userId}`, ip });
  }

  /** MINA_ADMIN_EMAIL/PASSWORD: create that instance admin when the instance has none. */
  async ensureInstanceAdmin(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    if ((await this.usersRepo.countAdmins()) > 0) return;
    const existing = await this.usersRepo.findByEmail(adminEmail);
    if (existing) {
      existing.isInstanceAdmin = true;
      existing.isActive = true;
      await this.usersRepo.flush();
      this.logger.log(`Promoted ${adminEmail} to instance admin`);
      return;
    }
    const user = await this.users.create({ email: adminEmail, name: 'Administrator', password: adminPassword, isInstanceAdmin: true });
    await this.workspaces.create(user, { name: 'Administration' });
    this.logger.log(`Created instance admin ${adminEmail}`);
  }
}
