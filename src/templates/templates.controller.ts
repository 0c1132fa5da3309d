import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '#src/authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '#src/authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '#src/common/list-params.decorator.js';
import type { ListQuery } from '#src/common/list-query.js';
import type { TemplateView } from '@mina/contract/templates';
import { CreateTemplateDto, UpdateTemplateDto } from './template.dto.js';
import { TemplatesService } from './templates.service.js';

/**
 * Summary templates of the caller's workspace. Templates are workspace settings: members read
 * them, those who may change the workspace (owners, admins) write them. Ids are a built-in's name
 * (`stand-up`) or a UUID, so they are not UUID-checked here; the service answers 404 for neither.
 */
@ApiTags('templates')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Can('read', 'Workspace')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: ['createdAt'], defaultSort: ['createdAt', 'ASC'], textIds: ['id'] })
    query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateView[]> {
    return sendPage(res, 'templates', query, await this.templates.list(tenant, query));
  }

  @Post()
  @Can('update', 'Workspace')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateTemplateDto): Promise<TemplateView> {
    return this.templates.create(tenant, dto);
  }

  @Get(':id')
  @Can('read', 'Workspace')
  get(@Tenant() tenant: TenantContext, @Param('id') id: string): Promise<TemplateView> {
    return this.templates.get(tenant, id);
  }

  @Put(':id')
  @Can('update', 'Workspace')
  update(
    @Tenant() tenant: TenantContext,
    @Param('id') id: string,
    @Body() dto: UpdateTemplateDto,
  ): Promise<TemplateView> {
    return this.templates.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('update', 'Workspace')
  async remove(@Tenant() tenant: TenantContext, @Param('id') id: string): Promise<void> {
    await this.templates.remove(tenant, id);
  }
}
