import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { StatementBatcher } from '#src/database/statement-batcher.js';
import type { SummaryView } from '@mina/contract/views';
import { Summary } from './entities/summary.entity.js';

export type SummaryData = Omit<SummaryView, 'updatedAt'>;

@Injectable()
export class SummaryRepository implements OnModuleDestroy {
  /** The summary stages of one burst write in one statement. */
  private readonly rows = new StatementBatcher<{ sessionId: string; data: SummaryData }>((rows) => this.upsert(rows), 200, (row) => row.sessionId);

  constructor(private readonly em: EntityManager) {}

  async onModuleDestroy(): Promise<void> {
    await this.rows.flush();
  }

  /** One summary per session; a re-run replaces it (keeping the row's id and creation time). */
  save(sessionId: string, data: SummaryData): Promise<void> {
    return this.rows.add({ sessionId, data });
  }

  private async upsert(rows: { sessionId: string; data: SummaryData }[]): Promise<void> {
    await this.em.getConnection().execute(
      `insert into "summary" ("id", "created_at", "updated_at", "session_id", "overview", "key_points", "decisions", "risks", "questions", "model", "provider", "fallback_used", "language", "requested_language", "template", "sections")
       values ${rows.map(() => '(gen_random_uuid(), now(), now(), ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)').join(', ')}
       on conflict ("session_id") do update set "updated_at" = excluded."updated_at", "overview" = excluded."overview", "key_points" = excluded."key_points",
         "decisions" = excluded."decisions", "risks" = excluded."risks", "questions" = excluded."questions", "model" = excluded."model", "provider" = excluded."provider",
         "fallback_used" = excluded."fallback_used", "language" = excluded."language", "requested_language" = excluded."requested_language",
         "template" = excluded."template", "sections" = excluded."sections"`,
      rows.flatMap(({ sessionId, data: d }) => [
        sessionId,
        d.overview,
        JSON.stringify(d.keyPoints),
        JSON.stringify(d.decisions),
        JSON.stringify(d.risks),
        JSON.stringify(d.questions),
        d.model,
        d.provider,
        d.fallbackUsed,
        d.language,
        d.requestedLanguage,
        d.template === null ? null : JSON.stringify(d.template),
        JSON.stringify(d.sections),
      ]),
    );
  }

  /** Scoped by workspace through the session. */
  forSession(workspaceId: string, sessionId: string): Promise<Summary | null> {
    return this.em.findOne(Summary, { session: { id: sessionId, workspace: workspaceId } });
  }
}
