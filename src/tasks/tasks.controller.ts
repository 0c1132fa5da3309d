import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Can } from '../authz/check-policies.decorator.js';
import { Tenant, TenantScoped, type TenantContext } from '../authz/tenant.js';
import { ApiListQuery, ListParams, sendPage } from '../common/list-params.decorator.js';
import { type ListQuery } from '../common/list-query.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CreateTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService, type TaskView } from './tasks.service.js';

@ApiTags('tasks')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Workspace-Id', required: true })
@TenantScoped()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Can('read', 'Task')
  @ApiListQuery()
  async list(
    @Tenant() tenant: TenantContext,
    @ListParams({ sortable: TasksRepository.sortable }) query: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskView[]> {
    return sendPage(res, 'tasks', query, await this.tasks.list(tenant, query));
  }

  @Get(':id')
  @Can('read', 'Task')
  get(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Task')) id: string): Promise<TaskView> {
    return this.tasks.get(tenant, id);
  }

  @Post()
  @Can('create', 'Task')
  create(@Tenant() tenant: TenantContext, @Body() dto: CreateTaskDto): Promise<TaskView> {
    return this.tasks.create(tenant, dto);
  }

  @Put(':id')
  @Can('update', 'Task')
  update(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Task')) id: string, @Body() dto: UpdateTaskDto): Promise<TaskView> {
    return this.tasks.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Can('delete', 'Task')
  async remove(@Tenant() tenant: TenantContext, @Param('id', new UuidPipe('Task')) id: string): Promise<void> {
    await this.tasks.remove(tenant, id);
  }
}
