import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AuthCacheService } from '#src/auth/auth-cache.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertCan } from '../authz/assert-can.js';
import type { TenantContext } from '../authz/tenant.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { notFound, quotaExceeded } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { normalizeEmail } from '../users/users.repository.js';
import type { InviteDto } from './dto/workspace.dto.js';
import { Invitation, type InvitationStatus } from './entities/invitation.entity.js';
import type { WorkspaceRole } from './entities/membership.entity.js';
import { InvitationsRepository } from './invitations.repository.js';
import { WorkspacesRepository } from './workspaces.repository.js';

export interface InvitationView {
  id: string;
  email: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  expired: boolean;
  expiresAt: Date;
  createdAt: Date;
}

/** What the invited user sees: which workspace, which role, who asked. */
export interface MyInvitationView {
  id: string;
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRole;
  invitedBy: string | null;
  expiresAt: Date;
  createdAt: Date;
}

const toView = (i: Invitation, now = new Date()): InvitationView => ({
  id: i.id, email: i.email, role: i.role, status: i.status, expired: i.expiresAt <= now, expiresAt: i.expiresAt, createdAt: i.createdAt,
});

/**
 * Membership by invitation. Inviting answers the same whether or not the email has an account (the
 * answer carries only what the inviter sent), and nobody becomes a member without saying yes.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly repo: InvitationsRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly audit: AuditService,
    private readonly cache: AuthCacheService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** Invites an email; inviting it again while pending renews the invitation (new role, new expiry). */
  async invite(tenant: TenantContext, dto: InviteDto): Promise<InvitationView> {
    assertCan(tenant.ability, 'create', 'Membership', { role: dto.role });
    const email = normalizeEmail(dto.email);
    const expiresAt = new Date(Date.now() + this.config.invitationTtlSeconds * 1000);
    let invitation = await this.repo.findPending(tenant.workspaceId, email);
    // Members and open invitations together stay within the member quota, so invitations cannot grow without bound.
    const limit = this.config.limits.membersPerWorkspace;
    if (!invitation && (await this.workspaces.countMembers(tenant.workspaceId)) + (await this.repo.countOpen(tenant.workspaceId, new Date())) >= limit) {
      throw quotaExceeded('membersPerWorkspace', limit, `This workspace has ${limit} members and open invitations, the most it may have; remove one first`);
    }
    if (invitation) {
      invitation.role = dto.role;
      invitation.expiresAt = expiresAt;
    } else {
      invitation = this.repo.create({ workspaceId: tenant.workspaceId, email, role: dto.role, invitedBy: tenant.userId, expiresAt });
    }
    await this.repo.flush();
    await this.audit.record({ actorId: tenant.userId, action: 'invitation.created', target: `invitation:${invitation.id}`, workspaceId: tenant.workspaceId, data: { email, role: dto.role } });
    return toView(invitation);
  }

  /** Owners and admins (the route's policy) see who is invited. */
  async listPending(tenant: TenantContext, query: ListQuery): Promise<ListResult<InvitationView>> {
    const page = await this.repo.listForWorkspace(tenant.workspaceId, query);
    return { total: page.total, items: page.items.map((i) => toView(i)) };
  }

  async revoke(tenant: TenantContext, id: string): Promise<void> {
    const invitation = await this.repo.findInWorkspace(tenant.workspaceId, id);
    if (!invitation || invitation.status !== 'pending') throw notFound('Invitation');
    // Whoever may not invite to a role may not withdraw that invitation either (admins and owner invites).
    assertCan(tenant.ability, 'create', 'Membership', { role: invitation.role });
    invitation.status = 'revoked';
    invitation.respondedAt = new Date();
    await this.repo.flush();
    await this.audit.record({ actorId: tenant.userId, action: 'invitation.revoked', target: `invitation:${invitation.id}`, workspaceId: tenant.workspaceId });
  }

  async mine(caller: AuthUser): Promise<MyInvitationView[]> {
    const open = await this.repo.listOpenFor(normalizeEmail(caller.email), new Date());
    return open.map((i) => ({
      id: i.id,
      workspaceId: i.workspace.id,
      workspaceName: i.workspace.name,
      role: i.role,
      invitedBy: i.invitedBy?.name ?? null,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
    }));
  }

  /** The invited user says yes: only now is the membership made. Someone else's invitation is a 404. */
  async accept(caller: AuthUser, id: string): Promise<{ workspaceId: string; membershipId: string; role: WorkspaceRole }> {
    const invitation = await this.repo.findOpenFor(id, normalizeEmail(caller.email), new Date());
    if (!invitation) throw notFound('Invitation');
    const workspaceId = invitation.workspace.id;
    const existing = await this.repo.findMembership(workspaceId, caller.id);
    const limit = this.config.limits.membersPerWorkspace;
    if (!existing && (await this.workspaces.countMembers(workspaceId)) >= limit) {
      throw quotaExceeded('membersPerWorkspace', limit, `This workspace has ${limit} members, the most it may have`);
    }
    const membership = existing ?? this.repo.addMember(workspaceId, caller.id, invitation.role);
    invitation.status = 'accepted';
    invitation.respondedAt = new Date();
    await this.repo.flush();
    this.cache.forgetRole(workspaceId, caller.id);
    await this.audit.record({ actorId: caller.id, action: 'invitation.accepted', target: `invitation:${invitation.id}`, workspaceId, data: { role: invitation.role, userId: caller.id } });
    return { workspaceId, membershipId: membership.id, role: membership.role };
  }

  async decline(caller: AuthUser, id: string): Promise<void> {
    const invitation = await this.repo.findOpenFor(id, normalizeEmail(caller.email), new Date());
    if (!invitation) throw notFound('Invitation');
    invitation.status = 'declined';
    invitation.respondedAt = new Date();
    await this.repo.flush();
    await this.audit.record({ actorId: caller.id, action: 'invitation.declined', target: `invitation:${invitation.id}`, workspaceId: invitation.workspace.id });
  }
}
