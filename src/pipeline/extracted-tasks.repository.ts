import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ExtractedTask } from '#src/ai/task-extraction.service.js';
import { Task } from '#src/tasks/entities/task.entity.js';
import type { StageSession } from './pipeline.repository.js';

const titleKey = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The pipeline's own rows in the task table: tasks it extracted from a session. */
@Injectable()
export class ExtractedTasksRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Replaces what an earlier run extracted from this session. Tasks people created are never
   * touched, and neither are extracted tasks someone has since edited (their title is then not
   * extracted again). Returns how many tasks were created.
   */
  async replace(session: Pick<StageSession, 'id' | 'workspaceId' | 'meetingId' | 'userId'>, items: readonly ExtractedTask[]): Promise<number> {
    const connection = this.em.getConnection();
    // Extracted tasks someone has edited (or moved on) stay, and their titles are not extracted again.
    const kept = (await connection.execute(
      `select "title" from "task" where "session_id" = ? and "extracted" and not ("status" = 'open' and "updated_at" = "created_at")`,
      [session.id],
    )) as { title: string }[];
    const seen = new Set(kept.map((t) => titleKey(t.title)));
    const rows: unknown[][] = [];
    for (const item of items) {
      const key = titleKey(item.title);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      rows.push([
        session.workspaceId,
        session.meetingId,
        session.id,
        item.title,
        item.description || null,
        item.priority,
        item.assigneeUserId ?? null,
        item.assigneeName ?? null,
        item.dueDate ?? null,
        item.evidence || null,
        item.sourceStartMs,
        session.userId,
      ]);
    }
    // Delete and insert in one statement (atomic without holding a pooled connection across
    // round trips in an interactive transaction). Equal stamps mark a task nobody has edited yet.
    const remove = `delete from "task" where "session_id" = ? and "extracted" and "status" = 'open' and "updated_at" = "created_at"`;
    if (rows.length === 0) {
      await connection.execute(remove, [session.id]);
      return 0;
    }
    await connection.execute(
      `with removed as (${remove} returning 1)
       insert into "task" ("id", "created_at", "updated_at", "workspace_id", "meeting_id", "session_id", "title", "description", "status", "priority",
                           "assigned_to_id", "assignee_name", "due_date", "evidence", "source_start_ms", "extracted", "created_by_id")
       select gen_random_uuid(), now(), now(), v.ws::uuid, v.meeting::uuid, v.session::uuid, v.title, v.description, 'open', v.priority,
              v.assignee::uuid, v.assignee_name, v.due::date, v.evidence, v.start_ms::int, true, v.created_by::uuid
         from (values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')})
           as v(ws, meeting, session, title, description, priority, assignee, assignee_name, due, evidence, start_ms, created_by)`,
      [session.id, ...rows.flat()],
    );
    return rows.length;
  }

  /** Who tasks can be assigned to: the workspace's members, as plain rows. */
  async memberDirectory(workspaceId: string): Promise<{ userId: string; name: string; email: string }[]> {
    return (await this.em.getConnection().execute(
      `select u."id" as "userId", u."name", u."email" from "membership" m join "user" u on u."id" = m."user_id" where m."workspace_id" = ?`,
      [workspaceId],
    )) as { userId: string; name: string; email: string }[];
  }

  /** Every task linked to the session (extracted or not), scoped by workspace. */
  forSession(workspaceId: string, sessionId: string): Promise<Task[]> {
    return this.em.find(Task, { workspace: workspaceId, session: sessionId }, { orderBy: { sourceStartMs: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}
