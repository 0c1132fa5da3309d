import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CreateSessionDto, RenameSpeakersDto } from './dto/session.dto.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService, type FinalizeResult, type SegmentView, type SessionView } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @Can('create', 'Session')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateSessionDto): Promise<{ id: string }> {
    return this.sessions.create(tenant, dto);
  }

  @Get()
  @Can('read', 'Session')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: SessionsRepository.sortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView[]> {
    return sendPage(res, 'sessions', query, await this.sessions.list(tenant, query));
  }

  @Get(':id')
  @Can('read', 'Session')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<SessionView> {
    return this.sessions.get(tenant, id);
  }

  @Get(':id/segments')
  @Can('read', 'Segment')
  segments(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<SegmentView[]> {
    return this.sessions.segments(tenant, id);
  }

  @Post(':id/finalize')
  @HttpCode(202)
  @Can('finalize', 'Session')
  finalize(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<FinalizeResult> {
    return this.sessions.finalize(tenant, id, 'user');
  }

  /** Audio kept because no speech recognizer was configured is transcribed now (refused while there is still none). */
  @Post(':id/transcribe')
  @HttpCode(202)
  @Can('finalize', 'Session')
  transcribe(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Session')) id: string): Promise<{ id: string; status: string }> {
    return this.sessions.transcribe(tenant, id);
  }

  @Patch(':id/speakers')
  @Can('update', 'Session')
  renameSpeakers(
    @Tenant() tenant: TenantContext,
    @Param('id', new UuidPipe('Session')) id: string,
    @Body() dto: RenameSpeakersDto,
  ): Promise<SessionView> {
    return this.sessions.renameSpeakers(tenant, id, dto.speakers);
  }
}
