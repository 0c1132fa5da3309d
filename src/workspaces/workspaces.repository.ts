import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { User } from '../users/entities/user.entity.js';
import { Membership, type WorkspaceRole } from './entities/membership.entity.js';
import { Workspace } from './entities/workspace.entity.js';
import { escapeLike } from '#src/common/sql-list.js';

const WORKSPACE_SORT: Record<string, string> = { createdAt: 'workspace.createdAt', name: 'workspace.name', slug: 'workspace.slug', id: 'workspace.id', role: 'role' };
const MEMBER_SORT: Record<string, string> = { createdAt: 'createdAt', role: 'role', email: 'user.email', name: 'user.name', id: 'id' };

@Injectable()
export class WorkspacesRepository {
  static readonly workspaceSortable = Object.keys(WORKSPACE_SORT);
  static readonly memberSortable = Object.keys(MEMBER_SORT);

  constructor(private readonly em: EntityManager) {}

  async roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | undefined> {
    const membership = await this.em.findOne(Membership, { workspace: workspaceId, user: userId }, { fields: ['role'] });
    return membership?.role;
  }

  async exists(workspaceId: string): Promise<boolean> {
    return (await this.em.count(Workspace, { id: workspaceId })) > 0;
  }

  /** The workspace without its settings (a lazy column: only `withSettings` reads it). */
  findById(id: string): Promise<Workspace | null> {
    return this.em.findOne(Workspace, { id });
  }

  findWithSettings(id: string): Promise<Workspace | null> {
    return this.em.findOne(Workspace, { id }, { populate: ['settings'] });
  }

  countOwnedBy(userId: string): Promise<number> {
    return this.em.count(Membership, { user: userId, role: 'owner' });
  }

  countMembers(workspaceId: string): Promise<number> {
    return this.em.count(Membership, { workspace: workspaceId });
  }

  /**
   * Runs `work` in a transaction that holds a lock named by `key` (a PostgreSQL advisory lock),
   * so that two requests checking the same quota at once cannot both pass it.
   */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.em.transactional(async (em) => {
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [key], 'all', em.getTransactionContext());
      return work();
    });
  }

  async slugTaken(slug: string): Promise<boolean> {
    return (await this.em.count(Workspace, { slug })) > 0;
  }

  create(data: { name: string; slug: string; owner: User }): Workspace {
    const workspace = this.em.create(Workspace, { name: data.name, slug: data.slug });
    this.em.create(Membership, { workspace, user: data.owner, role: 'owner' });
    return workspace;
  }

  /** The caller's memberships as a page of workspaces (instance admins with `all` see every workspace). */
  async listForUser(userId: string, query: ListQuery): Promise<ListResult<Membership>> {
    const where: FilterQuery<Membership> = { user: userId };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { workspace: { $in: f.id as string[] } });
    if (typeof f.q === 'string' && f.q.trim()) Object.assign(where, { workspace: { name: { $ilike: `%${escapeLike(f.q.trim())}%` } } });
    const [items, total] = await this.em.findAndCount(Membership, where, {
      populate: ['workspace'],
      orderBy: [nestedOrder(WORKSPACE_SORT[query.sort.field] ?? 'workspace.createdAt', query.sort.order), { id: 'ASC' }] as never,
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  async listAll(query: ListQuery): Promise<ListResult<Workspace>> {
    const where: FilterQuery<Workspace> = {};
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.q === 'string' && f.q.trim()) Object.assign(where, { name: { $ilike: `%${escapeLike(f.q.trim())}%` } });
    const field = (WORKSPACE_SORT[query.sort.field] ?? 'workspace.createdAt').replace('workspace.', '');
    const [items, total] = await this.em.findAndCount(Workspace, where, {
      orderBy: { [field === 'role' ? 'createdAt' : field]: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  membershipsOf(userId: string): Promise<Membership[]> {
    return this.em.find(Membership, { user: userId }, { populate: ['workspace'], orderBy: { createdAt: 'ASC' } });
  }

  async listMembers(workspaceId: string, query: ListQuery): Promise<ListResult<Membership>> {
    const where: FilterQuery<Membership> = { workspace: workspaceId };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.role === 'string') Object.assign(where, { role: f.role });
    if (typeof f.q === 'string' && f.q.trim()) {
      const like = `%${escapeLike(f.q.trim())}%`;
      Object.assign(where, { user: { $or: [{ email: { $ilike: like } }, { name: { $ilike: like } }] } });
    }
    const [items, total] = await this.em.findAndCount(Membership, where, {
      populate: ['user'],
      orderBy: [nestedOrder(MEMBER_SORT[query.sort.field] ?? 'createdAt', query.sort.order), { id: 'ASC' }] as never,
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  findMember(workspaceId: string, membershipId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { id: membershipId, workspace: workspaceId }, { populate: ['user'] });
  }

  findMembership(workspaceId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { workspace: workspaceId, user: userId }, { populate: ['user'] });
  }

  addMember(workspace: Workspace, user: User, role: WorkspaceRole): Membership {
    return this.em.create(Membership, { workspace, user, role });
  }

  countOwners(workspaceId: string): Promise<number> {
    return this.em.count(Membership, { workspace: workspaceId, role: 'owner' });
  }

  /** Member user ids and names, for matching task assignees extracted from a meeting. */
  async memberDirectory(workspaceId: string): Promise<{ userId: string; name: string; email: string }[]> {
    const members = await this.em.find(Membership, { workspace: workspaceId }, { populate: ['user'] });
    return members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email }));
  }

  /** How many of the workspace's meetings and sessions are under legal hold. */
  async holds(workspaceId: string): Promise<{ meetings: number; sessions: number }> {
    const rows = (await this.em.getConnection().execute(
      `select (select count(*) from "meeting" where "workspace_id" = ? and "legal_hold")::int as "meetings",
              (select count(*) from "session" where "workspace_id" = ? and "legal_hold" is not null)::int as "sessions"`,
      [workspaceId, workspaceId],
    )) as { meetings: number; sessions: number }[];
    return rows[0];
  }

  remove(entity: Membership | Workspace): void {
    this.em.remove(entity);
  }

  reference(id: string): Workspace {
    return this.em.getReference(Workspace, id);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}

/** MikroORM orders by a relation's field as a nested object: 'user.email' → { user: { email: 'ASC' } }. */
function nestedOrder(path: string, order: 'ASC' | 'DESC'): Record<string, unknown> {
  return path.split('.').reduceRight<Record<string, unknown> | string>((inner, key) => ({ [key]: inner }), order) as Record<string, unknown>;
}
