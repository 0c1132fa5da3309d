import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { AuditLog } from './entities/audit-log.entity.js';
import type * as Views from '@mina/contract/views';

export interface AuditEntry {
  actorId?: string;
  action: string;
  target?: string;
  workspaceId?: string;
  ip?: string;
  data?: Record<string, unknown>;
}

export type AuditView = Views.AuditView<Date>;

@Injectable()
export class AuditService {
  static readonly sortable = ['at', 'action', 'id'];

  constructor(private readonly em: EntityManager) {}

  /** Records an entry in its own unit of work so an audit line never rides on (or blocks) the caller's flush. */
  async record(entry: AuditEntry): Promise<void> {
    const em = this.em.fork();
    em.create(AuditLog, {
      actor: entry.actorId ? em.getReference(User, entry.actorId) : undefined,
      action: entry.action,
      target: entry.target,
      workspace: entry.workspaceId ? em.getReference(Workspace, entry.workspaceId) : undefined,
      ip: entry.ip,
      data: entry.data ?? {},
    });
    await em.flush();
  }

  async list(query: ListQuery): Promise<ListResult<AuditView>> {
    const where: FilterQuery<AuditLog> = {};
    const f = query.filter;
    if (typeof f.target === 'string') Object.assign(where, { target: f.target });
    if (typeof f.action === 'string') Object.assign(where, { action: f.action });
    if (typeof f.actorId === 'string') Object.assign(where, { actor: f.actorId });
    if (typeof f.workspaceId === 'string') Object.assign(where, { workspace: f.workspaceId });
    const [items, total] = await this.em.findAndCount(AuditLog, where, {
      populate: ['actor'],
      orderBy: { [query.sort.field]: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return {
      total,
      items: items.map((a) => ({
        id: a.id,
        at: a.at,
        action: a.action,
        actorId: a.actor?.id ?? null,
        actorEmail: a.actor?.email ?? null,
        target: a.target ?? null,
        workspaceId: a.workspace?.id ?? null,
        ip: a.ip ?? null,
        data: a.data,
      })),
    };
  }
}
