import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AuthCacheService } from '#src/auth/auth-cache.service.js';
import { PasswordService } from '../auth/password.service.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException, notFound } from '../common/mina.exception.js';
import { acceptRepresentation } from '../common/read-only.js';
import type { CreateUserDto, UpdateUserDto } from './dto/admin-user.dto.js';
import { User } from './entities/user.entity.js';
import { UsersRepository } from './users.repository.js';
import { SocketRevoker } from '#src/auth/socket-revoker.service.js';
import type * as Views from '@mina/contract/views';

export type UserView = Views.UserView<Date>;

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  isActive: u.isActive,
  isInstanceAdmin: u.isInstanceAdmin,
  lastLoginAt: u.lastLoginAt ?? null,
  createdAt: u.createdAt,
});

/** Account management. Revoking sessions on disable/reset goes through `onCredentialsChanged`. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly cache: AuthCacheService,
    private readonly sockets: SocketRevoker,
  ) {}

  async create(data: { email: string; name: string; password: string; isInstanceAdmin?: boolean }): Promise<User> {
    if (await this.repo.findByEmail(data.email)) throw new MinaException('EMAIL_TAKEN', 'An account with that email exists');
    const user = this.repo.create({
      email: data.email,
      name: data.name.trim(),
      passwordHash: await this.passwords.hash(data.password),
      isInstanceAdmin: data.isInstanceAdmin ?? false,
    });
    try {
      await this.repo.flush();
    } catch (error) {
      // Two registrations racing for one address: the unique index decides.
      if ((error as { code?: string }).code === '23505' || /unique/i.test(String(error))) {
        throw new MinaException('EMAIL_TAKEN', 'An account with that email exists');
      }
      throw error;
    }
    return user;
  }

  list(query: ListQuery): Promise<ListResult<User>> {
    return this.repo.list(query);
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.findById(id);
    if (!user) throw notFound('User');
    return user;
  }

  async adminCreate(actorId: string, dto: CreateUserDto, ip?: string): Promise<User> {
    const user = await this.create(dto);
    await this.audit.record({ actorId, action: 'user.created', target: `user:${user.id}`, ip, data: { email: user.email, isInstanceAdmin: user.isInstanceAdmin } });
    return user;
  }

  async adminUpdate(actorId: string, id: string, dto: UpdateUserDto, ip?: string): Promise<User> {
    const user = await this.get(id);
    acceptRepresentation(dto, toUserView(user));
    if (actorId === id && (dto.isActive === false || dto.isInstanceAdmin === false)) {
      throw new MinaException('CONFLICT', 'You cannot disable yourself or drop your own admin role');
    }
    const changes: Record<string, unknown> = {};
    if (dto.name !== undefined && dto.name !== user.name) changes.name = user.name = dto.name.trim();
    if (dto.isInstanceAdmin !== undefined && dto.isInstanceAdmin !== user.isInstanceAdmin) changes.isInstanceAdmin = user.isInstanceAdmin = dto.isInstanceAdmin;
    if (dto.isActive !== undefined && dto.isActive !== user.isActive) {
      changes.isActive = user.isActive = dto.isActive;
      if (!dto.isActive) user.tokenVersion += 1;
    }
    await this.repo.flush();
    this.cache.forgetUser(user.id);
    if (changes.isActive === false) this.sockets.disconnectUser(user.id);
    if (Object.keys(changes).length > 0) {
      const action =
        changes.isActive === false ? 'user.disabled' : changes.isActive === true ? 'user.enabled' : 'isInstanceAdmin' in changes ? 'user.admin_changed' : 'user.updated';
      await this.audit.record({ actorId, action, target: `user:${user.id}`, ip, data: changes });
    }
    return user;
  }

  /** Sets a new password and kills every token the user holds. */
  async resetPassword(actorId: string | undefined, id: string, password: string, ip?: string): Promise<User> {
    const user = await this.get(id);
    user.passwordHash = await this.passwords.hash(password);
    user.tokenVersion += 1;
    await this.repo.flush();
    this.cache.forgetUser(user.id);
    this.sockets.disconnectUser(user.id);
    await this.audit.record({ actorId, action: 'user.password_reset', target: `user:${user.id}`, ip });
    return user;
  }

  /**
   * Replaces the password with a random one nobody is told: the account then signs in another way
   * (SSO) until someone sets a password again (an administrator's reset).
   */
  async retirePassword(user: User): Promise<void> {
    user.passwordHash = await this.passwords.hash(randomBytes(32).toString('base64url'));
    await this.repo.flush();
  }

  async recordLogin(user: User): Promise<void> {
    user.lastLoginAt = new Date();
    await this.repo.flush();
  }
}
