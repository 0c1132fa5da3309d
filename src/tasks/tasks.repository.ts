import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException } from '../common/mina.exception.js';
import { Meeting } from '../meetings/entities/meeting.entity.js';
import { TranscriptionSession } from '../sessions/entities/session.entity.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { escapeLike } from '../workspaces/workspaces.repository.js';
import { Task, TASK_STATUSES } from './entities/task.entity.js';

const SORT: Record<string, string> = {
  createdAt: 'createdAt', dueDate: 'dueDate', priority: 'priority', status: 'status', title: 'title', updatedAt: 'updatedAt', id: 'id',
};
const OPEN_STATUSES = ['open', 'in_progress', 'blocked'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@Injectable()
export class TasksRepository {
  static readonly sortable = Object.keys(SORT);

  constructor(private readonly em: EntityManager) {}

  async list(workspaceId: string, userId: string, query: ListQuery): Promise<ListResult<Task>> {
    const where: FilterQuery<Task> = { workspace: workspaceId };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (f.status !== undefined) {
      const statuses = Array.isArray(f.status) ? f.status : [f.status];
      if (!statuses.every((s) => (TASK_STATUSES as readonly unknown[]).includes(s))) {
        throw new MinaException('VALIDATION_FAILED', `filter.status must be one of ${TASK_STATUSES.join(', ')}`);
      }
      Object.assign(where, { status: { $in: statuses } });
    }
    if (f.mine === true) Object.assign(where, { assignedTo: userId });
    if (f.open === true) Object.assign(where, { status: { $in: OPEN_STATUSES } });
    if (typeof f.assignedToId === 'string') Object.assign(where, { assignedTo: f.assignedToId });
    if (typeof f.sessionId === 'string') Object.assign(where, { session: f.sessionId });
    if (typeof f.meetingId === 'string') Object.assign(where, { meeting: f.meetingId });
    if (typeof f.priority === 'string') Object.assign(where, { priority: f.priority });
    if (typeof f.dueBefore === 'string') {
      if (!DATE.test(f.dueBefore)) throw new MinaException('VALIDATION_FAILED', 'filter.dueBefore must be YYYY-MM-DD');
      Object.assign(where, { dueDate: { $lte: f.dueBefore } });
    }
    if (typeof f.q === 'string' && f.q.trim()) Object.assign(where, { title: { $ilike: `%${escapeLike(f.q.trim())}%` } });
    const [items, total] = await this.em.findAndCount(Task, where, {
      orderBy: { [SORT[query.sort.field] ?? 'createdAt']: query.sort.order, id: query.sort.order },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  findOne(workspaceId: string, id: string): Promise<Task | null> {
    return this.em.findOne(Task, { id, workspace: workspaceId });
  }

  async exists(workspaceId: string, entity: 'session' | 'meeting', id: string): Promise<boolean> {
    const count =
      entity === 'session'
        ? await this.em.count(TranscriptionSession, { id, workspace: workspaceId })
        : await this.em.count(Meeting, { id, workspace: workspaceId });
    return count > 0;
  }

  /** True when following dependsOn from `startId` reaches `taskId` (so taskId → startId would close a loop). */
  async reaches(workspaceId: string, startId: string, taskId: string): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `with recursive chain(id, depends_on_id, depth) as (
         select id, depends_on_id, 1 from task where id = ? and workspace_id = ?
         union all
         select t.id, t.depends_on_id, c.depth + 1 from task t join chain c on t.id = c.depends_on_id where c.depth < 10000
       ) select 1 as hit from chain where id = ? limit 1`,
      [startId, workspaceId, taskId],
    )) as unknown[];
    return rows.length > 0;
  }

  create(workspaceId: string, createdById: string, data: Partial<Task> & { title: string }): Task {
    return this.em.create(Task, {
      ...data,
      workspace: this.em.getReference(Workspace, workspaceId),
      createdBy: this.em.getReference(User, createdById),
    });
  }

  userRef(id: string): User {
    return this.em.getReference(User, id);
  }

  taskRef(id: string): Task {
    return this.em.getReference(Task, id);
  }

  sessionRef(id: string): TranscriptionSession {
    return this.em.getReference(TranscriptionSession, id);
  }

  meetingRef(id: string): Meeting {
    return this.em.getReference(Meeting, id);
  }

  remove(task: Task): void {
    this.em.remove(task);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
