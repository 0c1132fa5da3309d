import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ExtractedTask } from '#src/ai/task-extraction.service.js';
import type { TranscriptionSession } from '#src/sessions/entities/session.entity.js';
import { Task } from '#src/tasks/entities/task.entity.js';
import { User } from '#src/users/entities/user.entity.js';

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
  async replace(session: TranscriptionSession, items: readonly ExtractedTask[]): Promise<number> {
    return this.em.transactional(async (em) => {
      await em.getConnection().execute(
        `delete from "task" where "session_id" = ? and "extracted" and "status" = 'open' and "updated_at" = "created_at"`,
        [session.id],
        'run',
        em.getTransactionContext(),
      );
      const kept = await em.find(Task, { session: session.id, extracted: true }, { fields: ['title'] });
      const seen = new Set(kept.map((t) => titleKey(t.title)));
      let created = 0;
      for (const item of items) {
        const key = titleKey(item.title);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        const now = new Date();
        em.create(Task, {
          workspace: session.workspace,
          meeting: session.meeting ?? undefined,
          session,
          title: item.title,
          description: item.description || undefined,
          priority: item.priority,
          assignedTo: item.assigneeUserId ? em.getReference(User, item.assigneeUserId) : undefined,
          assigneeName: item.assigneeName ?? undefined,
          dueDate: item.dueDate ?? undefined,
          evidence: item.evidence || undefined,
          sourceStartMs: item.sourceStartMs,
          extracted: true,
          createdBy: session.user,
          // Equal stamps mark a task nobody has edited yet.
          createdAt: now,
          updatedAt: now,
        });
        created++;
      }
      return created;
    });
  }

  /** Every task linked to the session (extracted or not), scoped by workspace. */
  forSession(workspaceId: string, sessionId: string): Promise<Task[]> {
    return this.em.find(Task, { workspace: workspaceId, session: sessionId }, { orderBy: { sourceStartMs: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}
