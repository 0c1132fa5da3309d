import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CreateMarkerDto, UpdateMarkerDto } from './dto/session.dto.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService, type MarkerView } from './sessions.service.js';

@ApiTags('markers')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/markers')
export class MarkersController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Can('read', 'Marker')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: SessionsRepository.markerSortable, defaultSort: ['atMs', 'ASC'] }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MarkerView[]> {
    return sendPage(res, 'markers', query, await this.sessions.listMarkers(tenant, query));
  }

  @Get(':id')
  @Can('read', 'Marker')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Marker')) id: string): Promise<MarkerView> {
    return this.sessions.getMarker(tenant, id);
  }

  @Post()
  @Can('create', 'Marker')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateMarkerDto): Promise<MarkerView> {
    return this.sessions.createMarker(tenant, dto);
  }

  @Put(':id')
  @Can('update', 'Marker')
  update(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Marker')) id: string, @Body() dto: UpdateMarkerDto): Promise<MarkerView> {
    return this.sessions.updateMarker(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Marker')
  async remove(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Marker')) id: string): Promise<void> {
    await this.sessions.removeMarker(tenant, id);
  }
}
