import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated, CurrentUser } from '../auth/decorators.js';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { InviteDto } from './dto/workspace.dto.js';
import { InvitationsService, type InvitationView, type MyInvitationView } from './invitations.service.js';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('api')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('workspaces/:id/invitations')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('create', 'Membership')
  invite(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext, @Body() dto: InviteDto): Promise<InvitationView> {
    return this.invitations.invite(tenant, dto);
  }

  @Get('workspaces/:id/invitations')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('create', 'Membership')
  @ApiListQuery()
  async list(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: ['createdAt'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvitationView[]> {
    return sendPage(res, 'invitations', query, await this.invitations.listPending(tenant, query));
  }

  @Delete('workspaces/:id/invitations/:invitationId')
  @HttpCode(204)
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('create', 'Membership')
  async revoke(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Param('invitationId', new UuidPipe('Invitation')) invitationId: string,
    @Tenant() tenant: TenantContext,
  ): Promise<void> {
    await this.invitations.revoke(tenant, invitationId);
  }

  @Get('me/invitations')
  @Authenticated()
  mine(@CurrentUser() caller: AuthUser): Promise<MyInvitationView[]> {
    return this.invitations.mine(caller);
  }

  @Post('invitations/:invitationId/accept')
  @HttpCode(200)
  @Authenticated()
  accept(@CurrentUser() caller: AuthUser, @Param('invitationId', new UuidPipe('Invitation')) id: string): Promise<{ workspaceId: string; membershipId: string; role: string }> {
    return this.invitations.accept(caller, id);
  }

  @Post('invitations/:invitationId/decline')
  @HttpCode(204)
  @Authenticated()
  async decline(@CurrentUser() caller: AuthUser, @Param('invitationId', new UuidPipe('Invitation')) id: string): Promise<void> {
    await this.invitations.decline(caller, id);
  }
}
