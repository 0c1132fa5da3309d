import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { ContentRetention } from './content-retention.js';
import { RetentionPreviewQuery } from './retention.dto.js';
import type { RetentionPreview } from '@mina/contract/retention';

/** Owners and admins (who may change the workspace's settings) see what retention would delete. */
@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/workspaces')
export class RetentionController {
  constructor(private readonly retention: ContentRetention) {}

  @Get(':id/retention/preview')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('update', 'Workspace')
  preview(@Param('id', new UuidPipe('Workspace')) _id: string, @Tenant() tenant: TenantContext, @Query() query: RetentionPreviewQuery): Promise<RetentionPreview> {
    return this.retention.preview(tenant.workspaceId, new Date(), query.limit);
  }
}
