import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { InsightsService, type InsightsView } from './insights.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /** Refined transcript, summary, tasks, analytics and each pipeline stage's state. */
  @Get(':id/insights')
  @Can('read', 'Session')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<InsightsView> {
    return this.insights.get(tenant, id);
  }
}
