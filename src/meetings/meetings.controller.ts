import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CreateMeetingDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService, type MeetingView } from './meetings.service.js';

@ApiTags('meetings')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @Can('read', 'Meeting')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: MeetingsRepository.sortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingView[]> {
    return sendPage(res, 'meetings', query, await this.meetings.list(tenant, query));
  }

  @Get(':id')
  @Can('read', 'Meeting')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Meeting')) id: string): Promise<MeetingView> {
    return this.meetings.get(tenant, id);
  }

  @Post()
  @Can('create', 'Meeting')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateMeetingDto): Promise<MeetingView> {
    return this.meetings.create(tenant, dto);
  }

  @Put(':id')
  @Can('update', 'Meeting')
  update(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Meeting')) id: string, @Body() dto: UpdateMeetingDto): Promise<MeetingView> {
    return this.meetings.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Meeting')
  async remove(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Meeting')) id: string): Promise<void> {
    await this.meetings.remove(tenant, id);
  }
}
