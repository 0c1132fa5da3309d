import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { AuditService, type AuditView } from './audit.service.js';

/**
 * A workspace's own audit trail for the people who manage it (owners and admins: those who may
 * change its settings), with the instance-wide filters but pinned to that workspace.
 */
@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api/workspaces')
export class WorkspaceAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get(':id/audit')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('update', 'Workspace')
  @ApiListQuery()
  async list(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: AuditService.sortable, defaultSort: ['at', 'DESC'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditView[]> {
    const scoped = { ...query, filter: { ...query.filter, workspaceId: tenant.workspaceId } };
    return sendPage(res, 'audit', scoped, await this.audit.list(scoped));
  }
}
