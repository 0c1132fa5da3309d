import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { Invitation } from './entities/invitation.entity.js';
import { Membership, type WorkspaceRole } from './entities/membership.entity.js';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Invitations still open (pending, not expired) of a workspace: they count against its member quota. */
  countOpen(workspaceId: string, now: Date): Promise<number> {
    return this.em.count(Invitation, { workspace: workspaceId, status: 'pending', expiresAt: { $gt: now } });
  }

  findPending(workspaceId: string, email: string): Promise<Invitation | null> {
    return this.em.findOne(Invitation, { workspace: workspaceId, email, status: 'pending' });
  }

  create(data: { workspaceId: string; email: string; role: WorkspaceRole; invitedBy: string; expiresAt: Date }): Invitation {
    return this.em.create(Invitation, {
      workspace: data.workspaceId,
      email: data.email,
      role: data.role,
      invitedBy: data.invitedBy,
      expiresAt: data.expiresAt,
    });
  }

  /** Pending invitations of one workspace (expired ones included: the panel shows them as such). */
  async listForWorkspace(workspaceId: string, query: ListQuery): Promise<ListResult<Invitation>> {
    const [items, total] = await this.em.findAndCount(
      Invitation,
      { workspace: workspaceId, status: 'pending' },
      { orderBy: { createdAt: query.sort.order, id: 'ASC' }, offset: query.range.start, limit: query.range.end - query.range.start + 1 },
    );
    return { items, total };
  }

  findInWorkspace(workspaceId: string, id: string): Promise<Invitation | null> {
    return this.em.findOne(Invitation, { id, workspace: workspaceId });
  }

  /** Open invitations addressed to an email, with their workspace and inviter. */
  listOpenFor(email: string, now: Date): Promise<Invitation[]> {
    return this.em.find(
      Invitation,
      { email, status: 'pending', expiresAt: { $gt: now } },
      { populate: ['workspace', 'invitedBy'], orderBy: { createdAt: 'DESC' } },
    );
  }

  findOpenFor(id: string, email: string, now: Date): Promise<Invitation | null> {
    return this.em.findOne(Invitation, { id, email, status: 'pending', expiresAt: { $gt: now } }, { populate: ['workspace'] });
  }

  findMembership(workspaceId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { workspace: workspaceId, user: userId });
  }

  addMember(workspaceId: string, userId: string, role: WorkspaceRole): Membership {
    return this.em.create(Membership, { workspace: workspaceId, user: userId, role });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
