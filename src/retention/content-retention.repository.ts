import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { ContentDeleted } from '#src/sessions/entities/session.entity.js';
import type { StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';
import { inTransaction, lockHolds, NOT_HELD_SQL, parsePolicySettings, POLICY_SETTINGS_SQL } from './retention.repository.js';

export interface WorkspacePolicyRow {
  id: string;
  settings: Pick<StoredWorkspaceSettings, 'recordings' | 'retention'>;
}

/** A session whose transcript is due, with what deleting it removes. */
export interface DueSession {
  id: string;
  title: string | null;
  meetingId: string | null;
  /** When it ended (else began): what the policy's days count from. */
  at: Date;
  segments: number;
  summaries: number;
  analytics: number;
  markers: number;
  tasks: number;
}

export const CONTENT_KINDS = ['sessions', 'segments', 'summaries', 'analytics', 'markers', 'tasks'] as const;
export type ContentCounts = Record<(typeof CONTENT_KINDS)[number], number>;
export const noContent = (): ContentCounts => ({ sessions: 0, segments: 0, summaries: 0, analytics: 0, markers: 0, tasks: 0 });

interface DueRow extends Omit<DueSession, 'at' | 'meetingId'> {
  at: Date | string;
  meeting_id: string | null;
}

/**
 * Sessions whose content the retention run deletes, and the deletion itself, across workspaces
 * (the run is the system, not a member): every statement names the workspace.
 */
@Injectable()
export class ContentRetentionRepository {
  constructor(private readonly em: EntityManager) {}

  /** A page of workspaces (id order) with the two settings a policy reads, not the whole settings object. */
  async workspaces(afterId: string | null, limit: number): Promise<WorkspacePolicyRow[]> {
    const rows = (await this.em.getConnection().execute(
      `select w."id", ${POLICY_SETTINGS_SQL} as "settings"
         from "workspace" w where (?::uuid is null or w."id" > ?::uuid) order by w."id" limit ?`,
      [afterId, afterId, limit],
    )) as { id: string; settings: WorkspacePolicyRow['settings'] | string | null }[];
    return rows.map((r) => ({ id: r.id, settings: parsePolicySettings(r.settings) }));
  }

  async workspace(workspaceId: string): Promise<WorkspacePolicyRow | null> {
    const rows = (await this.em.getConnection().execute(
      `select w."id", ${POLICY_SETTINGS_SQL} as "settings" from "workspace" w where w."id" = ?`,
      [workspaceId],
    )) as { id: string; settings: WorkspacePolicyRow['settings'] | string | null }[];
    return rows[0] ? { id: rows[0].id, settings: parsePolicySettings(rows[0].settings) } : null;
  }

  /**
   * Sessions of the workspace whose transcript is due: finished, ended at or before `before`, not
   * deleted yet, their audio transcribed (audio waiting for transcription keeps its session whole),
   * not under legal hold; oldest first, after the (at, id) of the previous page. `tasks` counts what
   * goes with them: 0 when tasks are kept.
   */
  async dueSessions(workspaceId: string, before: Date, keepTasks: boolean, limit: number, after?: { at: Date; id: string }): Promise<DueSession[]> {
    const rows = (await this.em.getConnection().execute(
      `select s."id", s."title", s."meeting_id", coalesce(s."ended_at", s."created_at") as "at",
              (select count(*) from "segment" g where g."session_id" = s."id")::int as "segments",
              (select count(*) from "summary" m where m."session_id" = s."id")::int as "summaries",
              (select count(*) from "analytics" a where a."session_id" = s."id")::int as "analytics",
              (select count(*) from "marker" k where k."session_id" = s."id")::int as "markers",
              case when ?::boolean then 0 else (select count(*) from "task" t where t."session_id" = s."id" and t."workspace_id" = s."workspace_id")::int end as "tasks"
         from "session" s
        where s."workspace_id" = ? and s."content_deleted" is null
          and s."status" in ('completed', 'error')
          and coalesce(s."transcription"->>'state', '') not in ('not_transcribed', 'transcribing')
          and coalesce(s."ended_at", s."created_at") <= ?::timestamptz
          and (?::timestamptz is null or (coalesce(s."ended_at", s."created_at"), s."id") > (?::timestamptz, ?::uuid))
          and ${NOT_HELD_SQL}
        order by coalesce(s."ended_at", s."created_at"), s."id"
        limit ?`,
      [keepTasks, workspaceId, before.toISOString(), after?.at.toISOString() ?? null, after?.at.toISOString() ?? null, after?.id ?? null, limit],
    )) as DueRow[];
    return rows.map(({ meeting_id, at, ...r }) => ({ ...r, meetingId: meeting_id, at: new Date(at) }));
  }

  /**
   * Deletes the content of these sessions in one short transaction: the tombstone first (only on
   * sessions still not deleted and not held, so a hold set since the read wins and two runs never
   * count a session twice), then what belongs to the sessions it marked. Kept tasks lose what
   * quotes the transcript: their evidence, and the description of extracted ones (the local
   * extractor writes the surrounding lines there); title, owner and due date stay. Returns what went.
   */
  deleteContent(workspaceId: string, sessionIds: string[], tombstone: ContentDeleted, keepTasks: boolean): Promise<{ ids: string[]; counts: ContentCounts }> {
    return this.em.transactional(async (em) => {
      const run = inTransaction(em);
      // The tombstone's NOT_HELD_SQL would see the meetings as they were when the statement
      // started: lock them first, so a meeting hold committed during the batch is seen or waits.
      // A session's own hold needs no lock: the update re-reads the row it changes.
      await lockHolds(run, sessionIds, false);
      const marked = await run<{ id: string }>(
        `update "session" s set "content_deleted" = ?::jsonb, "speaker_names" = '{}'::jsonb, "updated_at" = now()
          where s."workspace_id" = ? and s."id" in (${sessionIds.map(() => '?').join(', ')}) and s."content_deleted" is null and ${NOT_HELD_SQL}
          returning s."id"`,
        [JSON.stringify(tombstone), workspaceId, ...sessionIds],
      );
      const counts = noContent();
      const ids = marked.map((r) => r.id);
      counts.sessions = ids.length;
      if (ids.length === 0) return { ids, counts };
      const list = ids.map(() => '?').join(', ');
      const gone = async (table: string, extra = ''): Promise<number> =>
        (await run<{ n: number }>(`with d as (delete from "${table}" where "session_id" in (${list})${extra} returning 1) select count(*)::int as "n" from d`, [...ids]))[0].n;
      counts.segments = await gone('segment');
      counts.summaries = await gone('summary');
      counts.analytics = await gone('analytics');
      counts.markers = await gone('marker');
      // Ask answers quote the transcript in their text and citations: the turns citing these sessions go too.
      await run(
        `delete from "ask_turn" t using "ask_conversation" c
          where c."id" = t."conversation_id" and c."workspace_id" = ?
            and exists (select 1 from jsonb_array_elements(t."citations") x where x->>'sessionId' in (${list}))`,
        [workspaceId, ...ids],
      );
      if (keepTasks) {
        await run(
          `update "task" set "evidence" = null, "description" = case when "extracted" then null else "description" end, "updated_at" = now()
            where "workspace_id" = ? and "session_id" in (${list}) and ("evidence" is not null or ("extracted" and "description" is not null))`,
          [workspaceId, ...ids],
        );
      } else {
        counts.tasks = (await run<{ n: number }>(
          `with d as (delete from "task" where "workspace_id" = ? and "session_id" in (${list}) returning 1) select count(*)::int as "n" from d`,
          [workspaceId, ...ids],
        ))[0].n;
      }
      return { ids, counts };
    });
  }

  /** Sets or releases the hold on a meeting or a session of the workspace; null when there is no such record. */
  async setHold(target: HoldTarget, workspaceId: string, id: string, hold: { reason: string | null; at: Date; by: string } | null): Promise<HoldRow | null> {
    const sql =
      target === 'meeting'
        ? `update "meeting" set "legal_hold" = ?, "legal_hold_reason" = ?, "legal_hold_at" = ?, "legal_hold_by_id" = ?, "updated_at" = now()
            where "id" = ? and "workspace_id" = ? returning ${MEETING_HOLD}`
        : `update "session" set "legal_hold" = case when ?::boolean then jsonb_build_object('reason', ?::text, 'at', ?::text, 'by', ?::text) end, "updated_at" = now()
            where "id" = ? and "workspace_id" = ? returning ${SESSION_HOLD}`;
    const rows = (await this.em.getConnection().execute(sql, [hold !== null, hold?.reason ?? null, hold?.at.toISOString() ?? null, hold?.by ?? null, id, workspaceId])) as HoldRow[];
    return rows[0] ?? null;
  }

  async hold(target: HoldTarget, workspaceId: string, id: string): Promise<HoldRow | null> {
    const rows = (await this.em.getConnection().execute(
      `select ${target === 'meeting' ? MEETING_HOLD : SESSION_HOLD} from "${target}" where "id" = ? and "workspace_id" = ?`,
      [id, workspaceId],
    )) as HoldRow[];
    return rows[0] ?? null;
  }
}

export type HoldTarget = 'meeting' | 'session';

const MEETING_HOLD = `"id", "legal_hold", "legal_hold_reason", "legal_hold_at", "legal_hold_by_id"`;
const SESSION_HOLD = `"id", "legal_hold" is not null as "legal_hold", "legal_hold"->>'reason' as "legal_hold_reason", ("legal_hold"->>'at')::timestamptz as "legal_hold_at", "legal_hold"->>'by' as "legal_hold_by_id"`;

export interface HoldRow {
  id: string;
  legal_hold: boolean;
  legal_hold_reason: string | null;
  legal_hold_at: Date | string | null;
  legal_hold_by_id: string | null;
}
