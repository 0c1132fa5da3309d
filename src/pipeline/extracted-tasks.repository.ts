import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ExtractedTask } from '#src/ai/task-extraction.service.js';
import { Task } from '#src/tasks/entities/task.entity.js';
import type { StageSession } from './pipeline.repository.js';
import { groupBy, StatementBatcher } from '#src/database/statement-batcher.js';

const titleKey = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface MemberEntry {
  userId: string;
  name: string;
  email: string;
}

/** Extracted tasks nobody has edited yet: equal stamps, still open. */
const UNTOUCHED = `"extracted" and "status" = 'open' and "updated_at" = "created_at"`;
const TASK_COLUMNS = 12;

/**
 * The pipeline's own rows in the task table: tasks it extracted from a session. The task stages
 * of one burst read and write together, a statement each instead of three per session.
 */
@Injectable()
export class ExtractedTasksRepository implements OnModuleDestroy {
  private readonly directories = new StatementBatcher<string, MemberEntry[]>((ids) => this.readDirectories(ids), 100);
  private readonly keptTitles = new StatementBatcher<string, string[]>((ids) => this.readKeptTitles(ids), 200);
  private readonly replacements = new StatementBatcher<{ sessionId: string; rows: unknown[][] }>((items) => this.writeReplacements(items), 200, (i) => i.sessionId);

  constructor(private readonly em: EntityManager) {}

  async onModuleDestroy(): Promise<void> {
    await this.replacements.flush();
  }

  /**
   * Replaces what an earlier run extracted from this session. Tasks people created are never
   * touched, and neither are extracted tasks someone has since edited (their title is then not
   * extracted again). Returns how many tasks were created.
   */
  async replace(session: Pick<StageSession, 'id' | 'workspaceId' | 'meetingId' | 'userId'>, items: readonly ExtractedTask[]): Promise<number> {
    const seen = new Set((await this.keptTitles.add(session.id)).map(titleKey));
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
    await this.replacements.add({ sessionId: session.id, rows });
    return rows.length;
  }

  /** Who tasks can be assigned to: the workspace's members, as plain rows. */
  memberDirectory(workspaceId: string): Promise<MemberEntry[]> {
    return this.directories.add(workspaceId);
  }

  private async readDirectories(workspaceIds: string[]): Promise<MemberEntry[][]> {
    const ids = [...new Set(workspaceIds)];
    const rows = (await this.em.getConnection().execute(
      `select m."workspace_id" as "workspaceId", u."id" as "userId", u."name", u."email"
         from "membership" m join "user" u on u."id" = m."user_id" where m."workspace_id" in (${ids.map(() => '?').join(', ')})`,
      ids,
    )) as (MemberEntry & { workspaceId: string })[];
    const byWorkspace = groupBy(rows, (r) => r.workspaceId);
    return workspaceIds.map((id) => (byWorkspace.get(id) ?? []).map(({ userId, name, email }) => ({ userId, name, email })));
  }

  /** Titles of the session's extracted tasks someone has edited (or moved on): they stay and are not extracted again. */
  private async readKeptTitles(sessionIds: string[]): Promise<string[][]> {
    const ids = [...new Set(sessionIds)];
    const rows = (await this.em.getConnection().execute(
      `select "session_id" as "sessionId", "title" from "task" where "session_id" in (${ids.map(() => '?').join(', ')}) and "extracted" and not ("status" = 'open' and "updated_at" = "created_at")`,
      ids,
    )) as { sessionId: string; title: string }[];
    const bySession = groupBy(rows, (r) => r.sessionId);
    return sessionIds.map((id) => (bySession.get(id) ?? []).map((r) => r.title));
  }

  /**
   * Delete and insert in one statement (atomic without holding a pooled connection across round
   * trips in an interactive transaction). Equal stamps mark a task nobody has edited yet.
   */
  private async writeReplacements(items: { sessionId: string; rows: unknown[][] }[]): Promise<void> {
    const sessions = items.map((i) => i.sessionId);
    const remove = `delete from "task" where "session_id" in (${sessions.map(() => '?').join(', ')}) and ${UNTOUCHED}`;
    const rows = items.flatMap((i) => i.rows);
    if (rows.length === 0) {
      await this.em.getConnection().execute(remove, sessions);
      return;
    }
    await this.em.getConnection().execute(
      `with removed as (${remove} returning 1)
       insert into "task" ("id", "created_at", "updated_at", "workspace_id", "meeting_id", "session_id", "title", "description", "status", "priority",
                           "assigned_to_id", "assignee_name", "due_date", "evidence", "source_start_ms", "extracted", "created_by_id")
       select gen_random_uuid(), now(), now(), v.ws::uuid, v.meeting::uuid, v.session::uuid, v.title, v.description, 'open', v.priority,
              v.assignee::uuid, v.assignee_name, v.due::date, v.evidence, v.start_ms::int, true, v.created_by::uuid
         from (values ${rows.map(() => `(${Array(TASK_COLUMNS).fill('?').join(', ')})`).join(', ')})
           as v(ws, meeting, session, title, description, priority, assignee, assignee_name, due, evidence, start_ms, created_by)`,
      [...sessions, ...rows.flat()],
    );
  }

  /** Every task linked to the session (extracted or not), scoped by workspace. */
  forSession(workspaceId: string, sessionId: string): Promise<Task[]> {
    return this.em.find(Task, { workspace: workspaceId, session: sessionId }, { orderBy: { sourceStartMs: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}
