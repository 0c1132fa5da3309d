import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { AnalyticsService, type WorkspaceTrendsView } from './analytics.service.js';

@ApiTags('analytics')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** Workspace trends over a date range (default: the last 30 days), plus LLM token usage in it. */
  @Get('trends')
  @Can('read', 'Session')
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-30' })
  @ApiQuery({ name: 'bucket', required: false, enum: ['day', 'week'] })
  trends(
    @Tenant() tenant: TenantContext,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('bucket') bucket?: string,
  ): Promise<WorkspaceTrendsView> {
    return this.analytics.trends(tenant, { from, to, bucket });
  }
}
