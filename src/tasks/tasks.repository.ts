import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { MinaException } from '../common/mina.exception.js';
import { isoColumn, selectPage, SqlWhere, type SqlPage, stringsFilter, uuidFilter } from '../common/sql-list.js';
import { parseStrictDate } from '../common/strict-date.js';
import { Meeting } from '../meetings/entities/meeting.entity.js';
import { TranscriptionSession } from '../sessions/entities/session.entity.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { Task, TASK_STATUSES } from './entities/task.entity.js';
import type { TaskView } from './tasks.service.js';

const SORT_COLUMN: Record<string, string> = {
  createdAt: 'created_at', dueDate: 'due_date', priority: 'priority', status: 'status', title: 'title', updatedAt: 'updated_at', id: 'id',
};
const TASK_COLUMNS = `id, title, description, status, priority, assigned_to_id as "assignedToId", assignee_name as "assigneeName",
  to_char(due_date, 'YYYY-MM-DD') as "dueDate", depends_on_id as "dependsOnId", session_id as "sessionId", meeting_id as "meetingId",
  source_start_ms as "sourceStartMs", evidence, extracted, created_by_id as "createdById", ${isoColumn('completed_at', 'completedAt')},
  ${isoColumn('created_at', 'createdAt')}, ${isoColumn('updated_at', 'updatedAt')}`;
const OPEN_STATUSES = ['open', 'in_progress', 'blocked'];

@Injectable()
export class TasksRepository {
  static readonly sortable = Object.keys(SORT_COLUMN);

  constructor(private readonly em: EntityManager) {}

  /** A page of plain rows (no entities): the hot path of every task list. */
  list(workspaceId: string, userId: string, query: ListQuery): Promise<ListResult<TaskView>> {
    return selectPage<TaskView>(this.em, TasksRepository.page(workspaceId, userId, query), query);
  }

  /** The list's SQL for a workspace, the caller and their filter (pure: the benchmark's floor runs it). */
  static page(workspaceId: string, userId: string, query: ListQuery): SqlPage {
    const where = new SqlWhere('workspace_id', workspaceId);
    const f = query.filter;
    if (f.id !== undefined) where.in('id', uuidFilter('id', f.id, true));
    if (f.status !== undefined) {
      const statuses = stringsFilter('status', f.status);
      if (!statuses.every((s) => (TASK_STATUSES as readonly string[]).includes(s))) {
        throw new MinaException('VALIDATION_FAILED', `filter.status must be one of ${TASK_STATUSES.join(', ')}`);
      }
      where.in('status', statuses);
    }
    if (f.mine === true) where.eq('assigned_to_id', userId);
    if (f.open === true) where.in('status', OPEN_STATUSES);
    if (f.assignedToId !== undefined) where.eq('assigned_to_id', uuidFilter('assignedToId', f.assignedToId));
    if (f.sessionId !== undefined) where.eq('session_id', uuidFilter('sessionId', f.sessionId));
    if (f.meetingId !== undefined) where.eq('meeting_id', uuidFilter('meetingId', f.meetingId));
    if (f.priority !== undefined) where.in('priority', stringsFilter('priority', f.priority));
    if (f.dueBefore !== undefined) {
      if (!parseStrictDate(f.dueBefore, 'date')) throw new MinaException('VALIDATION_FAILED', 'filter.dueBefore must be a real date as YYYY-MM-DD');
      where.compare('due_date', '<=', f.dueBefore);
    }
    if (typeof f.q === 'string' && f.q.trim()) where.contains('title', f.q.trim());
    return { table: 'task', columns: TASK_COLUMNS, where, orderBy: SORT_COLUMN[query.sort.field] ?? 'created_at' };
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

  /**
   * How long the dependsOn chain through a task would be: the tasks from `startId` down its
   * dependsOn links, plus the longest line of tasks waiting (directly or not) on `taskId`.
   * Both walks stop a little past `cap`, so a chain already too long costs no more than that.
   */
  async chainLength(workspaceId: string, startId: string, taskId: string, cap: number): Promise<number> {
    const [down] = (await this.em.getConnection().execute(
      `with recursive chain(id, depends_on_id, depth) as (
         select id, depends_on_id, 1 from task where id = ? and workspace_id = ?
         union all
         select t.id, t.depends_on_id, c.depth + 1 from task t join chain c on t.id = c.depends_on_id where c.depth <= ?
       ) select coalesce(max(depth), 0)::int as depth from chain`,
      [startId, workspaceId, cap],
    )) as { depth: number }[];
    const [up] = (await this.em.getConnection().execute(
      `with recursive waiting(id, depth) as (
         select id, 1 from task where depends_on_id = ? and workspace_id = ?
         union all
         select t.id, w.depth + 1 from task t join waiting w on t.depends_on_id = w.id where w.depth <= ?
       ) select coalesce(max(depth), 0)::int as depth from waiting`,
      [taskId, workspaceId, cap],
    )) as { depth: number }[];
    return down.depth + 1 + up.depth;
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
