import { Inject, Injectable, Optional } from '@nestjs/common';
import { WEBHOOK_EVENTS, type WebhookEventSink } from '#src/integrations/webhooks/webhook-events.port.js';
import { assertCan } from '../authz/assert-can.js';
import type { TenantContext } from '../authz/tenant.js';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException, notFound, quotaExceeded } from '../common/mina.exception.js';
import { MINA_CONFIG } from '../config/config.module.js';
import type { MinaConfig } from '../config/config.js';
import { acceptRepresentation } from '../common/read-only.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto.js';
import { Task, type TaskStatus } from './entities/task.entity.js';
import { canTransition, TASK_TRANSITIONS } from './task-status.js';
import { TasksRepository } from './tasks.repository.js';
import type * as Views from '@mina/contract/views';

export type TaskView = Views.TaskView;

export const toTaskView = (t: Task): TaskView => ({
  id: t.id,
  title: t.title,
  description: t.description ?? null,
  status: t.status,
  priority: t.priority,
  assignedToId: t.assignedTo?.id ?? null,
  assigneeName: t.assigneeName ?? null,
  dueDate: t.dueDate ?? null,
  dependsOnId: t.dependsOn?.id ?? null,
  sessionId: t.session?.id ?? null,
  meetingId: t.meeting?.id ?? null,
  sourceStartMs: t.sourceStartMs ?? null,
  evidence: t.evidence ?? null,
  extracted: t.extracted,
  createdById: t.createdBy.id,
  completedAt: t.completedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

@Injectable()
export class TasksService {
  constructor(
    private readonly repo: TasksRepository,
    private readonly workspaces: WorkspacesRepository,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
    @Optional() @Inject(WEBHOOK_EVENTS) private readonly webhooks?: WebhookEventSink,
  ) {}

  async list(tenant: TenantContext, query: ListQuery): Promise<ListResult<TaskView>> {
    return this.repo.list(tenant.workspaceId, tenant.userId, query);
  }

  async get(tenant: TenantContext, id: string): Promise<TaskView> {
    return toTaskView(await this.load(tenant, id));
  }

  private async load(tenant: TenantContext, id: string): Promise<Task> {
    const task = await this.repo.findOne(tenant.workspaceId, id);
    if (!task) throw notFound('Task');
    return task;
  }

  async create(tenant: TenantContext, dto: CreateTaskDto): Promise<TaskView> {
    if (dto.sessionId && !(await this.repo.exists(tenant.workspaceId, 'session', dto.sessionId))) {
      throw new MinaException('VALIDATION_FAILED', 'sessionId names no session of this workspace');
    }
    if (dto.meetingId && !(await this.repo.exists(tenant.workspaceId, 'meeting', dto.meetingId))) {
      throw new MinaException('VALIDATION_FAILED', 'meetingId names no meeting of this workspace');
    }
    const task = this.repo.create(tenant.workspaceId, tenant.userId, {
      title: dto.title.trim(),
      description: dto.description,
      priority: dto.priority ?? 'medium',
      status: 'open',
      dueDate: dto.dueDate ?? undefined,
      sourceStartMs: dto.sourceStartMs,
      session: dto.sessionId ? this.repo.sessionRef(dto.sessionId) : undefined,
      meeting: dto.meetingId ? this.repo.meetingRef(dto.meetingId) : undefined,
    });
    if (dto.assignedToId) await this.assign(tenant, task, dto.assignedToId);
    if (dto.dependsOnId) await this.dependOn(tenant, task, dto.dependsOnId);
    if (dto.status && dto.status !== 'open') await this.transition(tenant, task, dto.status);
    await this.repo.flush();
    const view = toTaskView(task);
    await this.webhooks?.publish({ workspaceId: tenant.workspaceId, type: 'task.created', key: `task.created:${task.id}`, data: { task: view } });
    return view;
  }

  async update(tenant: TenantContext, id: string, dto: UpdateTaskDto): Promise<TaskView> {
    const task = await this.load(tenant, id);
    assertCan(tenant.ability, 'update', 'Task', { createdById: task.createdBy.id, assignedToId: task.assignedTo?.id ?? null });
    acceptRepresentation(dto, toTaskView(task));
    if (dto.title !== undefined) task.title = dto.title.trim();
    if (dto.description !== undefined) task.description = dto.description;
    if (dto.priority !== undefined) task.priority = dto.priority;
    if (dto.dueDate !== undefined) task.dueDate = dto.dueDate ?? undefined;
    if (dto.assignedToId !== undefined) {
      if (dto.assignedToId === null) task.assignedTo = undefined;
      else await this.assign(tenant, task, dto.assignedToId);
    }
    if (dto.dependsOnId !== undefined) {
      if (dto.dependsOnId === null) task.dependsOn = undefined;
      else await this.dependOn(tenant, task, dto.dependsOnId);
    }
    // The record sent back as it was read keeps its status: that is no transition.
    if (dto.status !== undefined && dto.status !== task.status) await this.transition(tenant, task, dto.status);
    await this.repo.flush();
    const view = toTaskView(task);
    await this.webhooks?.publish({ workspaceId: tenant.workspaceId, type: 'task.updated', key: `task.updated:${task.id}:${task.updatedAt.getTime()}`, data: { task: view } });
    return view;
  }

  async remove(tenant: TenantContext, id: string): Promise<void> {
    const task = await this.load(tenant, id);
    assertCan(tenant.ability, 'delete', 'Task', { createdById: task.createdBy.id });
    this.repo.remove(task);
    await this.repo.flush();
  }

  private async assign(tenant: TenantContext, task: Task, userId: string): Promise<void> {
    if (!(await this.workspaces.roleOf(tenant.workspaceId, userId))) {
      throw new MinaException('VALIDATION_FAILED', 'assignedToId must be a member of this workspace');
    }
    task.assignedTo = this.repo.userRef(userId);
  }

  private async dependOn(tenant: TenantContext, task: Task, dependsOnId: string): Promise<void> {
    if (dependsOnId === task.id) throw new MinaException('DEPENDENCY_CYCLE', 'A task cannot depend on itself');
    const target = await this.repo.findOne(tenant.workspaceId, dependsOnId);
    if (!target) throw new MinaException('VALIDATION_FAILED', 'dependsOnId names no task of this workspace');
    if (await this.repo.reaches(tenant.workspaceId, dependsOnId, task.id)) {
      throw new MinaException('DEPENDENCY_CYCLE', 'That dependency would make a cycle');
    }
    const limit = this.config.limits.taskDependencyDepth;
    if ((await this.repo.chainLength(tenant.workspaceId, dependsOnId, task.id, limit)) > limit) {
      throw quotaExceeded('taskDependencyDepth', limit, `A chain of dependent tasks holds at most ${limit} tasks`);
    }
    task.dependsOn = target;
  }

  private async transition(tenant: TenantContext, task: Task, to: TaskStatus): Promise<void> {
    const from = task.status;
    if (!canTransition(from, to)) {
      throw new MinaException('INVALID_TRANSITION', `A ${from} task can move to ${TASK_TRANSITIONS[from].join(' or ')}, not ${to}`);
    }
    if (to === 'done' && task.dependsOn) {
      const dependency = await this.repo.findOne(tenant.workspaceId, task.dependsOn.id);
      if (dependency && dependency.status !== 'done' && dependency.status !== 'cancelled') {
        throw new MinaException('INVALID_TRANSITION', `This task depends on "${dependency.title}", which is not done yet`);
      }
    }
    task.status = to;
    if (to === 'done' && from !== 'done') task.completedAt = new Date();
    if (to !== 'done') task.completedAt = undefined;
  }
}
