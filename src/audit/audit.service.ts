import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException } from '../common/mina.exception.js';
import { escapeLike } from '../common/sql-list.js';
import { isUuid } from '../common/uuid.pipe.js';
import { User } from '../users/entities/user.entity.js';
import { normalizeEmail } from '../users/users.repository.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { currentClientAddress } from './client-address.js';
import { AuditLog } from './entities/audit-log.entity.js';
import type * as Views from '@mina/contract/views';

export interface AuditEntry {
  actorId?: string;
  action: string;
  target?: string;
  workspaceId?: string;
  /** The client address; left out, the address of the HTTP request being served (none in jobs). */
  ip?: string;
  data?: Record<string, unknown>;
}

export type AuditView = Views.AuditView<Date>;

/** Longest text a filter value may be (an email, a target, an address). */
const MAX_FILTER_TEXT = 320;
const EXPORT_BATCH = 500;

function text(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_FILTER_TEXT) {
    throw new MinaException('VALIDATION_FAILED', `filter.${key} must be a string of at most ${MAX_FILTER_TEXT} characters`);
  }
  return value.trim();
}

/** A date-only `to` (what a date picker gives) includes that whole day. */
function instant(filter: Record<string, unknown>, key: 'from' | 'to'): Date | undefined {
  const value = text(filter, key);
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new MinaException('VALIDATION_FAILED', `filter.${key} must be an ISO date or date-time`);
  if (key === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/**
 * The audit filters, shared by the list and the CSV export: `action` exact or, ending in `.*`, a
 * prefix (`auth.*`); `actor` an id or an email; `actorId`, `target`, `workspaceId`, `ip` exact;
 * `from` / `to` bound `at` (from inclusive, to exclusive, a date-only `to` counting its whole day).
 */
export function auditWhere(filter: Record<string, unknown>): FilterQuery<AuditLog> {
  const where: Record<string, unknown> = {};
  const action = text(filter, 'action');
  if (action !== undefined) where.action = action.endsWith('.*') ? { $like: `${escapeLike(action.slice(0, -1))}%` } : action;
  const actor = text(filter, 'actor');
  if (actor !== undefined) where.actor = isUuid(actor) ? actor : { email: normalizeEmail(actor) };
  if (typeof filter.actorId === 'string') where.actor = filter.actorId;
  const target = text(filter, 'target');
  if (target !== undefined) where.target = target;
  if (typeof filter.workspaceId === 'string') where.workspace = filter.workspaceId;
  const ip = text(filter, 'ip');
  if (ip !== undefined) where.ip = ip;
  const from = instant(filter, 'from');
  const to = instant(filter, 'to');
  if (from || to) where.at = { ...(from && { $gte: from }), ...(to && { $lt: to }) };
  return where;
}

const upTo = (filter: Record<string, unknown>, until: Date): FilterQuery<AuditLog> =>
  ({ $and: [auditWhere(filter), { at: { $lte: until } }] });

const toView = (a: AuditLog): AuditView => ({
  id: a.id,
  at: a.at,
  action: a.action,
  actorId: a.actor?.id ?? null,
  actorEmail: a.actor?.email ?? null,
  target: a.target ?? null,
  workspaceId: a.workspace?.id ?? null,
  ip: a.ip ?? null,
  data: a.data,
});

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
      ip: entry.ip ?? currentClientAddress(),
      data: entry.data ?? {},
    });
    await em.flush();
  }

  async list(query: ListQuery): Promise<ListResult<AuditView>> {
    const [items, total] = await this.em.findAndCount(AuditLog, auditWhere(query.filter), {
      populate: ['actor'],
      orderBy: { [query.sort.field]: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { total, items: items.map(toView) };
  }

  /** Entries the filters match, up to `until` (what an export started then writes, uncapped). */
  count(filter: Record<string, unknown>, until: Date): Promise<number> {
    return this.em.fork().count(AuditLog, upTo(filter, until));
  }

  /**
   * The entries an export writes, newest first, in batches (memory stays bounded whatever `max`).
   * Entries written while the export runs are left out (`at` up to when it started), so the pages
   * do not shift under it.
   */
  async *export(filter: Record<string, unknown>, max: number, startedAt: Date): AsyncGenerator<AuditView[]> {
    const where = upTo(filter, startedAt);
    for (let offset = 0; offset < max; offset += EXPORT_BATCH) {
      const em = this.em.fork();
      const items = await em.find(AuditLog, where, {
        populate: ['actor'],
        orderBy: { at: 'DESC', id: 'ASC' },
        offset,
        limit: Math.min(EXPORT_BATCH, max - offset),
      });
      if (items.length > 0) yield items.map(toView);
      if (items.length < EXPORT_BATCH) return;
    }
  }
}
