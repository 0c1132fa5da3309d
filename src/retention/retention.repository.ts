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
              jsonb_build_object('recordings', w."settings"->'recordings', 'retention', w."settings"->'retention') as "settings"
         from "recording" r
         join "session" s on s."id" = r."session_id"
         join "workspace" w on w."id" = r."workspace_id"
        where r."deleted_at" is null
          and s."status" in ('completed', 'error')
          and coalesce(s."transcription"->>'state', '') not in ('not_transcribed', 'transcribing')
          and (w."settings"->'recordings'->'keep' = 'false'::jsonb
               or r."created_at" <= ?::timestamptz - ${AUDIO_DAYS_SQL} * interval '1 day')
          and ${NOT_HELD_SQL}
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
      settings: (typeof r.settings === 'string' ? (JSON.parse(r.settings) as DueRecording['settings']) : r.settings) ?? {},
      sessionTitle: r.title,
      meetingId: r.meeting_id,
      sessionAt: new Date(r.session_at),
    }));
  }

  /** Marks the file deleted; false when another sweep marked it first. */
  async markDeleted(id: string, reason: RecordingDeletedReason, at: Date): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `update "recording" set "deleted_at" = ?, "deleted_reason" = ?, "updated_at" = now() where "id" = ? and "deleted_at" is null returning "id"`,
      [at.toISOString(), reason, id],
    )) as { id: string }[];
    return rows.length > 0;
  }
}
