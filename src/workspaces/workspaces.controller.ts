import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators.js';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { UsersRepository } from '../users/users.repository.js';
import { AddMemberDto, CreateWorkspaceDto, UpdateMemberDto, UpdateWorkspaceDto } from './dto/workspace.dto.js';
import { InvitationsService, type InvitationView } from './invitations.service.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService, type MemberView, type WorkspaceSummary, type WorkspaceView } from './workspaces.service.js';

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api/workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly users: UsersRepository,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Authenticated()
  @ApiListQuery()
  async list(
    @CurrentUser() user: AuthUser,
    @ListParams({ sortable: WorkspacesRepository.workspaceSortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WorkspaceSummary[]> {
    return sendPage(res, 'workspaces', query, await this.workspaces.list(user, query));
  }

  @Post()
  @Authenticated()
  async create(@CurrentUser() caller: AuthUser, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceView> {
    const owner = await this.users.findById(caller.id);
    return this.workspaces.create(owner!, dto);
  }

  @Get(':id')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('read', 'Workspace')
  get(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext): Promise<WorkspaceView> {
    return this.workspaces.get(tenant);
  }

  @Put(':id')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('update', 'Workspace')
  update(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceView> {
    return this.workspaces.update(tenant, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('delete', 'Workspace')
  async remove(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext): Promise<void> {
    await this.workspaces.remove(tenant);
  }

  @Get(':id/members')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('read', 'Membership')
  @ApiListQuery()
  async members(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: WorkspacesRepository.memberSortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MemberView[]> {
    return sendPage(res, 'members', query, await this.workspaces.listMembers(tenant, query));
  }

  @Get(':id/members/:memberId')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('read', 'Membership')
  member(@Param('id', new UuidPipe('Workspace')) _id: string, @Param('memberId', new UuidPipe('Member')) memberId: string, @Tenant() tenant: TenantContext): Promise<MemberView> {
    return this.workspaces.getMember(tenant, memberId);
  }

  /**
   * Adding a member by email invites them (as POST :id/invitations does): the answer is the same
   * whether or not the email has an account, and the membership exists only once they accept.
   */
  @Post(':id/members')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('create', 'Membership')
  addMember(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext, @Body() dto: AddMemberDto): Promise<InvitationView> {
    return this.invitations.invite(tenant, dto);
  }

  @Put(':id/members/:memberId')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('update', 'Membership')
  updateMember(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Param('memberId', new UuidPipe('Member')) memberId: string,
    @Tenant() tenant: TenantContext,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberView> {
    return this.workspaces.updateMember(tenant, memberId, dto);
  }

  @Delete(':id/members/:memberId')
  @HttpCode(204)
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('read', 'Membership')
  async removeMember(@Param('id', new UuidPipe('Workspace')) _id: string, @Param('memberId', new UuidPipe('Member')) memberId: string, @Tenant() tenant: TenantContext): Promise<void> {
    await this.workspaces.removeMember(tenant, memberId);
  }
}
