import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { TranslatedSummary } from '@mina/contract/translation';
import { Translation } from './translation.entity.js';

/** Translations of one workspace's sessions; every statement names the workspace. */
@Injectable()
export class TranslationRepository {
  constructor(private readonly em: EntityManager) {}

  find(workspaceId: string, sessionId: string, language: string): Promise<Translation | null> {
    return this.em.fork().findOne(Translation, { workspace: workspaceId, session: sessionId, language });
  }

  byId(workspaceId: string, id: string): Promise<Translation | null> {
    return this.em.fork().findOne(Translation, { id, workspace: workspaceId });
  }

  list(workspaceId: string, sessionId: string): Promise<Translation[]> {
    return this.em
      .fork()
      .find(
        Translation,
        { workspace: workspaceId, session: sessionId },
        { orderBy: { language: 'ASC' }, exclude: ['segments', 'summary'] },
      );
  }

  /**
   * Starts a translation of `sourceHash` unless one of that source is already made or under way:
   * answers the row when this call (re)started it, null when it was already there (two requests
   * at once start one translation). A row left pending or running longer than `stuckAfterMs` (its
   * job lost to a crash) is started again. The texts of the previous translation stay until the new
   * one replaces them.
   */
  async start(
    workspaceId: string,
    sessionId: string,
    language: string,
    sourceHash: string,
    stuckAfterMs: number,
  ): Promise<{ id: string; updatedAt: Date } | null> {
    const rows = (await this.em.getConnection().execute(
      `insert into "translation" ("id", "created_at", "updated_at", "workspace_id", "session_id", "language", "status", "source_hash")
       values (gen_random_uuid(), now(), clock_timestamp(), ?, ?, ?, 'pending', ?)
       on conflict ("session_id", "language") do update
         set "status" = 'pending', "source_hash" = excluded."source_hash", "error" = null, "updated_at" = clock_timestamp()
         where "translation"."workspace_id" = excluded."workspace_id"
           and ("translation"."source_hash" <> excluded."source_hash" or "translation"."status" = 'failed'
                or ("translation"."status" in ('pending', 'running') and "translation"."updated_at" < clock_timestamp() - ? * interval '1 millisecond'))
       returning "id", "updated_at" as "updatedAt"`,
      [workspaceId, sessionId, language, sourceHash, stuckAfterMs],
    )) as { id: string; updatedAt: Date | string }[];
    return rows[0] ? { id: rows[0].id, updatedAt: new Date(rows[0].updatedAt) } : null;
  }

  /** pending → running for the source the job was made for; false when a newer request superseded it. */
  async claim(id: string, sourceHash: string): Promise<boolean> {
    const rows = (await this.em
      .getConnection()
      .execute(
        `update "translation" set "status" = 'running', "updated_at" = now() where "id" = ? and "source_hash" = ? and "status" in ('pending', 'running') returning "id"`,
        [id, sourceHash],
      )) as unknown[];
    return rows.length > 0;
  }

  async finish(
    id: string,
    sourceHash: string,
    result: {
      segments: { segmentId: string; text: string }[];
      summary: TranslatedSummary | null;
      model: string;
    },
  ): Promise<void> {
    await this.em.getConnection().execute(
      `update "translation" set "status" = 'ready', "content_hash" = "source_hash", "segments" = ?::jsonb, "summary" = ?::jsonb, "model" = ?, "error" = null, "updated_at" = now()
        where "id" = ? and "source_hash" = ? and "status" = 'running'`,
      [
        JSON.stringify(result.segments),
        result.summary ? JSON.stringify(result.summary) : null,
        result.model.slice(0, 100),
        id,
        sourceHash,
      ],
    );
  }

  async fail(id: string, sourceHash: string, error: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        `update "translation" set "status" = 'failed', "error" = ?, "updated_at" = now() where "id" = ? and "source_hash" = ? and "status" in ('pending', 'running')`,
        [error.slice(0, 2000), id, sourceHash],
      );
  }
}
