import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { User } from './entities/user.entity.js';

const SORTABLE: Record<string, string> = {
  createdAt: 'createdAt', email: 'email', name: 'name', lastLoginAt: 'lastLoginAt', isActive: 'isActive', id: 'id',
};

@Injectable()
export class UsersRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<User | null> {
    return this.em.findOne(User, { id });
  }

  findByEmail(email: string, withPassword = false): Promise<User | null> {
    return this.em.findOne(User, { email: normalizeEmail(email) }, withPassword ? { populate: ['passwordHash'] } : {});
  }

  findByIds(ids: string[]): Promise<User[]> {
    return this.em.find(User, { id: { $in: ids } });
  }

  async list(query: ListQuery): Promise<ListResult<User>> {
    const where: FilterQuery<User> = {};
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.q === 'string' && f.q.trim()) {
      const like = `%${f.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      Object.assign(where, { $or: [{ email: { $ilike: like } }, { name: { $ilike: like } }] });
    }
    if (typeof f.isActive === 'boolean') Object.assign(where, { isActive: f.isActive });
    if (typeof f.isInstanceAdmin === 'boolean') Object.assign(where, { isInstanceAdmin: f.isInstanceAdmin });
    const [items, total] = await this.em.findAndCount(User, where, {
      orderBy: { [SORTABLE[query.sort.field] ?? 'createdAt']: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  static readonly sortable = Object.keys(SORTABLE);

  countAdmins(): Promise<number> {
    return this.em.count(User, { isInstanceAdmin: true, isActive: true });
  }

  create(data: { email: string; name: string; passwordHash: string; isInstanceAdmin?: boolean }): User {
    return this.em.create(User, { ...data, email: normalizeEmail(data.email) });
  }

  async loadPasswordHash(user: User): Promise<string> {
    await this.em.populate(user, ['passwordHash']);
    return user.passwordHash;
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}

/** Emails are stored lowercased, so the unique index on lower(email) and plain lookups agree. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
