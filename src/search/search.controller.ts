import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import { type ListQuery } from '#src/common/list-query.js';
import type { SearchHit } from './search.repository.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Ranked full-text hits over transcripts, summaries and tasks of the workspace, with highlighted snippets. */
  @Get()
  @Can('read', 'Segment')
  @ApiQuery({ name: 'q', required: true, example: 'budget "remote control"' })
  @ApiListQuery()
  async find(
    @Tenant() tenant: TenantContext,
    @Query('q') q: string | undefined,
    @ListParams({ sortable: ['rank'], defaultSort: ['rank', 'DESC'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SearchHit[]> {
    return sendPage(res, 'search', query, await this.search.search(tenant, typeof q === 'string' ? q : undefined, query));
  }
}
