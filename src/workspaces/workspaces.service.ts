import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { AuthCacheService } from '#src/auth/auth-cache.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { assertCan } from '../authz/assert-can.js';
import type { TenantContext } from '../authz/tenant.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException, notFound, quotaExceeded } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import type { MinaConfig } from '../config/config.js';
import { acceptRepresentation } from '../common/read-only.js';
import { User } from '../users/entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { CreateWorkspaceDto, UpdateMemberDto, UpdateWorkspaceDto } from './dto/workspace.dto.js';
import { Membership, type WorkspaceRole } from './entities/membership.entity.js';
import { Workspace } from './entities/workspace.entity.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { SocketRevoker } from '#src/auth/socket-revoker.service.js';
import { TemplatesService } from '#src/templates/templates.service.js';
import { applySettingsPatch, parseSettingsPatch, type StoredWorkspaceSettings } from './workspace-settings.js';
import type * as Views from '@mina/contract/views';

export type WorkspaceSummary = Views.WorkspaceSummary<Date>;

export type WorkspaceView = Views.WorkspaceView<Date> & { settings: StoredWorkspaceSettings };

export type MemberView = Views.MemberView<Date>;

const toWorkspaceSummary = (w: Workspace, role: WorkspaceRole | null): WorkspaceSummary => ({
  id: w.id, name: w.name, slug: w.slug, role, createdAt: w.createdAt,
});

const toWorkspaceView = (w: Workspace, role: WorkspaceRole | null): WorkspaceView => ({ ...toWorkspaceSummary(w, role), settings: w.settings });

const toMemberView = (m: Membership): MemberView => ({
  id: m.id, userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt,
});

export function slugify(name: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (base || 'workspace').slice(0, 60);
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repo: WorkspacesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly cache: AuthCacheService,
    private readonly sockets: SocketRevoker,
    private readonly templates: TemplatesService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** Creates a workspace owned by `owner`; refused past the owner's quota. */
  async create(owner: User, dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    const limit = this.config.limits.workspacesPerUser;
    const workspace = await this.repo.withLock(`quota:workspaces:${owner.id}`, async () => {
      if ((await this.repo.countOwnedBy(owner.id)) >= limit) {
        throw quotaExceeded('workspacesPerUser', limit, `You own ${limit} workspaces, the most one user may own; delete one or ask an instance admin to raise MINA_MAX_WORKSPACES_PER_USER`);
      }
      return this.createUnchecked(owner, dto);
    });
    // After the lock's transaction commits: the audit row is written apart and must see the workspace.
    await this.audit.record({ actorId: owner.id, action: 'workspace.created', target: `workspace:${workspace.id}`, workspaceId: workspace.id, data: { name: workspace.name } });
    return workspace;
  }

  /**
   * The slug is the asked-for one (or the name's) plus a random suffix, always: answering "taken"
   * would tell anyone which slugs other tenants use.
   */
  private async createUnchecked(owner: User, dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    const base = (dto.slug ?? slugify(dto.name)).slice(0, 60).replace(/-+$/, '');
    let slug: string;
    do slug = `${base}-${randomBytes(3).toString('hex')}`;
    while (await this.repo.slugTaken(slug));
    const workspace = this.repo.create({ name: dto.name.trim(), slug, owner });
    await this.repo.flush();
    return toWorkspaceView(workspace, 'owner');
  }

  /** Summaries only: settings are read with GET one, never by a list. */
  async list(caller: AuthUser, query: ListQuery): Promise<ListResult<WorkspaceSummary>> {
    if (caller.isInstanceAdmin && query.filter.all === true) {
      const page = await this.repo.listAll(query);
      return { total: page.total, items: page.items.map((w) => toWorkspaceSummary(w, null)) };
    }
    const page = await this.repo.listForUser(caller.id, query);
    return { total: page.total, items: page.items.map((m) => toWorkspaceSummary(m.workspace, m.role)) };
  }

  async get(tenant: TenantContext): Promise<WorkspaceView> {
    const workspace = await this.repo.findWithSettings(tenant.workspaceId);
    if (!workspace) throw notFound('Workspace');
    return toWorkspaceView(workspace, tenant.role);
  }

  async update(tenant: TenantContext, dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    const workspace = await this.repo.findWithSettings(tenant.workspaceId);
    if (!workspace) throw notFound('Workspace');
    acceptRepresentation(dto, toWorkspaceView(workspace, tenant.role));
    const patch = dto.settings === undefined ? undefined : await this.templates.checkSettings(workspace.id, parseSettingsPatch(dto.settings, workspace.settings));
    const changed = [
      ...(dto.name !== undefined && dto.name.trim() !== workspace.name ? ['name'] : []),
      ...Object.keys(patch ?? {}).map((key) => `settings.${key}`),
    ];
    if (dto.name !== undefined) workspace.name = dto.name.trim();
    if (patch !== undefined) workspace.settings = applySettingsPatch(workspace.settings, patch);
    await this.repo.flush();
    if (changed.length > 0) {
      await this.audit.record({ actorId: tenant.userId, action: 'workspace.updated', target: `workspace:${workspace.id}`, workspaceId: workspace.id, data: { changed, ...dto } });
    }
    return toWorkspaceView(workspace, tenant.role);
  }

  async remove(tenant: TenantContext): Promise<void> {
    const workspace = await this.repo.findById(tenant.workspaceId);
    if (!workspace) throw notFound('Workspace');
    // Deleting the workspace cascades to its meetings and sessions: a hold refuses it, as it refuses deleting a held meeting.
    const held = await this.repo.holds(workspace.id);
    if (held.meetings + held.sessions > 0) {
      throw new MinaException('LEGAL_HOLD', `This workspace has ${held.meetings} meeting(s) and ${held.sessions} session(s) under legal hold; release the holds before deleting it`, { heldMeetings: held.meetings, heldSessions: held.sessions });
    }
    this.repo.remove(workspace);
    await this.repo.flush();
    this.cache.forgetRole(workspace.id);
    this.sockets.disconnectWorkspace(workspace.id);
    await this.audit.record({ actorId: tenant.userId, action: 'workspace.deleted', target: `workspace:${workspace.id}`, data: { name: workspace.name } });
  }

  async listMembers(tenant: TenantContext, query: ListQuery): Promise<ListResult<MemberView>> {
    const page = await this.repo.listMembers(tenant.workspaceId, query);
    return { total: page.total, items: page.items.map(toMemberView) };
  }

  async getMember(tenant: TenantContext, memberId: string): Promise<MemberView> {
    const member = await this.repo.findMember(tenant.workspaceId, memberId);
    if (!member) throw notFound('Member');
    return toMemberView(member);
  }

  async updateMember(tenant: TenantContext, memberId: string, dto: UpdateMemberDto): Promise<MemberView> {
    const member = await this.repo.findMember(tenant.workspaceId, memberId);
    if (!member) throw notFound('Member');
    acceptRepresentation(dto, toMemberView(member));
    assertCan(tenant.ability, 'update', 'Membership', { role: member.role });
    assertCan(tenant.ability, 'update', 'Membership', { role: dto.role });
    if (member.role === 'owner' && dto.role !== 'owner') await this.assertNotLastOwner(tenant.workspaceId);
    const before = member.role;
    member.role = dto.role;
    await this.repo.flush();
    this.cache.forgetRole(tenant.workspaceId, member.user.id);
    // Open sockets keep the rights of the role they joined with: make them reconnect under the new one.
    if (before !== dto.role) this.sockets.disconnectMember(tenant.workspaceId, member.user.id);
    await this.audit.record({ actorId: tenant.userId, action: 'member.role_changed', target: `user:${member.user.id}`, workspaceId: tenant.workspaceId, data: { from: before, to: dto.role } });
    return toMemberView(member);
  }

  async removeMember(tenant: TenantContext, memberId: string): Promise<void> {
    const member = await this.repo.findMember(tenant.workspaceId, memberId);
    if (!member) throw notFound('Member');
    // Anyone may leave; removing someone else needs the right.
    if (member.user.id !== tenant.userId) assertCan(tenant.ability, 'delete', 'Membership', { role: member.role });
    if (member.role === 'owner') await this.assertNotLastOwner(tenant.workspaceId);
    this.repo.remove(member);
    await this.repo.flush();
    this.cache.forgetRole(tenant.workspaceId, member.user.id);
    this.sockets.disconnectMember(tenant.workspaceId, member.user.id);
    await this.audit.record({ actorId: tenant.userId, action: 'member.removed', target: `user:${member.user.id}`, workspaceId: tenant.workspaceId, data: { role: member.role, left: member.user.id === tenant.userId } });
  }

  private async assertNotLastOwner(workspaceId: string): Promise<void> {
    if ((await this.repo.countOwners(workspaceId)) <= 1) {
      throw new MinaException('LAST_OWNER', 'A workspace needs at least one owner; make someone else owner first');
    }
  }
}
