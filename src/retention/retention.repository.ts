import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { RecordingDeletedReason } from '#src/recordings/entities/recording.entity.js';
import type { StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';
import { AUDIO_DAYS_SQL, audioDaysParams, type RetentionDefaults } from './retention-policy.js';

export interface DueRecording {
  id: string;
  sessionId: string;
  workspaceId: string;
  path: string;
  createdAt: Date;
  deletedAt: Date | null;
  sessionStatus: string;
  transcriptionState: string | null;
  settings: Pick<StoredWorkspaceSettings, 'recordings' | 'retention'>;
  sessionTitle: string | null;
  meetingId: string | null;
  /** When the session ended (else began): the date the preview shows. */
  sessionAt: Date;
}

interface DueRow {
  id: string;
  session_id: string;
  workspace_id: string;
  path: string;
  created_at: Date | string;
  deleted_at: Date | string | null;
  status: string;
  transcription_state: string | null;
  settings: DueRecording['settings'] | string | null;
  title: string | null;
  meeting_id: string | null;
  session_at: Date | string;
}

/** One workspace's due recordings, after (createdAt, id) of the last page: the preview's paging. */
export interface DueScope {
  workspaceId: string;
  after?: { createdAt: Date; id: string };
}

/** A held session, and a held meeting's sessions (its own session, and sessions created in it), are exempt from every deletion. */
export const NOT_HELD_SQL = `s."legal_hold" is null and not exists (select 1 from "meeting" hm where hm."legal_hold" and (hm."id" = s."meeting_id" or hm."session_id" = s."id"))`;

/** A workspace's two settings a retention policy reads (not the whole settings object), over the workspace row aliased `w`. */
export const POLICY_SETTINGS_SQL = `jsonb_build_object('recordings', w."settings"->'recordings', 'retention', w."settings"->'retention')`;

/** Settings as the driver returns jsonb: parsed already (pg) or as text (PGlite). */
export const parsePolicySettings = (value: DueRecording['settings'] | string | null): DueRecording['settings'] =>
  (typeof value === 'string' ? (JSON.parse(value) as DueRecording['settings']) : value) ?? {};

type Run = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** Runs raw SQL inside the transaction of `em` (a fork `transactional` hands over). */
export const inTransaction =
  (em: EntityManager): Run =>
  async <T>(sql: string, params: unknown[]) =>
    (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

/**
 * Takes a share lock on the meetings whose hold covers these sessions (and, with `sessions`, on
 * the sessions themselves), in id order. A NOT_HELD_SQL subquery sees the snapshot its statement
 * started with, so a hold committed while a deletion runs would be missed; once these locks are
 * held, a hold being set waits for the deleting transaction, and the next statement (a new
 * snapshot under read committed) sees every hold committed before. Call inside the transaction.
 */
export async function lockHolds(run: Run, sessionIds: readonly string[], sessions: boolean): Promise<void> {
  const list = sessionIds.map(() => '?').join(', ');
  if (sessions) await run(`select 1 from "session" where "id" in (${list}) order by "id" for share`, [...sessionIds]);
  await run(
    `select 1 from "meeting" m where m."id" in (select s."meeting_id" from "session" s where s."id" in (${list})) or m."session_id" in (${list}) order by m."id" for share`,
    [...sessionIds, ...sessionIds],
  );
}

/** A recording `r` (of session `s`, workspace `w`) the sweep may delete at the bound instant (then audioDaysParams), and still not held. */
const DUE_SQL = `s."status" in ('completed', 'error')
          and coalesce(s."transcription"->>'state', '') not in ('not_transcribed', 'transcribing')
          and (w."settings"->'recordings'->'keep' = 'false'::jsonb
               or r."created_at" <= ?::timestamptz - ${AUDIO_DAYS_SQL} * interval '1 day')
          and ${NOT_HELD_SQL}`;

/** The recording rows the retention sweep reads and marks, across workspaces (it is the system, not a member). */
@Injectable()
export class RetentionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Recordings that look due at `now`, oldest first: finished sessions whose audio was transcribed,
   * not under legal hold, in workspaces that keep no audio or whose audio days (their own, else the
   * instance default) have passed. The sweep decides each with `deletionReason`; this query only
   * narrows (and must never be wider than that decision allows).
   */
  async due(now: Date, limit: number, defaults: RetentionDefaults, scope?: DueScope): Promise<DueRecording[]> {
    const where: string[] = [];
    const params: unknown[] = [now.toISOString(), ...audioDaysParams(defaults)];
    if (scope) {
      where.push(`and r."workspace_id" = ?`);
      params.push(scope.workspaceId);
      if (scope.after) {
        where.push(`and (r."created_at", r."id") > (?::timestamptz, ?::uuid)`);
        params.push(scope.after.createdAt.toISOString(), scope.after.id);
      }
    }
    const rows = (await this.em.getConnection().execute(
      `select r."id", r."session_id", r."workspace_id", r."path", r."created_at", r."deleted_at", s."status",
              s."transcription"->>'state' as "transcription_state", s."title", s."meeting_id", coalesce(s."ended_at", s."created_at") as "session_at",
              ${POLICY_SETTINGS_SQL} as "settings"
         from "recording" r
         join "session" s on s."id" = r."session_id"
         join "workspace" w on w."id" = r."workspace_id"
        where r."deleted_at" is null
          and ${DUE_SQL}
          ${where.join(' ')}
        order by r."created_at", r."id"
        limit ?`,
      [...params, limit],
    )) as DueRow[];
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      workspaceId: r.workspace_id,
      path: r.path,
      createdAt: new Date(r.created_at),
      deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at),
      sessionStatus: r.status,
      transcriptionState: r.transcription_state,
      settings: parsePolicySettings(r.settings),
      sessionTitle: r.title,
      meetingId: r.meeting_id,
      sessionAt: new Date(r.session_at),
    }));
  }

  /**
   * Deletes a recording's file if it is still due and not held, right now: in one transaction,
   * locks what a hold is set on (lockHolds), marks the row (only when it is still not deleted, due
   * and not held), deletes the file, and commits. A hold set meanwhile either committed before the
   * mark (nothing is deleted) or waits for the commit. When the file cannot be deleted `remove`
   * throws and the mark is rolled back, so the next sweep tries again; a process that dies before
   * the commit leaves the row unmarked too (a missing file is no error the next time). Returns
   * false when there was nothing to do.
   */
  deleteIfDue(recording: Pick<DueRecording, 'id' | 'sessionId'>, reason: RecordingDeletedReason, now: Date, defaults: RetentionDefaults, remove: () => Promise<void>): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const run = inTransaction(em);
      await lockHolds(run, [recording.sessionId], true);
      const marked = await run<{ id: string }>(
        `update "recording" r set "deleted_at" = ?, "deleted_reason" = ?, "updated_at" = now()
           from "session" s, "workspace" w
          where r."id" = ? and s."id" = r."session_id" and w."id" = r."workspace_id" and r."deleted_at" is null
            and ${DUE_SQL}
          returning r."id"`,
        [now.toISOString(), reason, recording.id, now.toISOString(), ...audioDaysParams(defaults)],
      );
      if (marked.length === 0) return false;
      await remove();
      return true;
    });
  }
}
