import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { UuidPipe } from '#src/common/uuid.pipe.js';
import { AnalyticsService, type TokenUsageView } from './analytics.service.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/workspaces')
export class TokenUsageController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** LLM tokens charged to the workspace: totals, by model and by UTC day, over [from, to] (default: the last 30 days). */
  @Get(':id/token-usage')
  @TenantScoped({ from: 'param', param: 'id' })
  @Can('read', 'Workspace')
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30' })
  usage(
    @Param('id', new UuidPipe('Workspace')) _id: string,
    @Tenant() tenant: TenantContext,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<TokenUsageView> {
    return this.analytics.tokenUsage(tenant, { from, to });
  }
}
