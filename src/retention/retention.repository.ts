import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { RecordingDeletedReason } from '#src/recordings/entities/recording.entity.js';
import type { RecordingsSetting } from '#src/workspaces/workspace-settings.js';

export interface DueRecording {
  id: string;
  sessionId: string;
  workspaceId: string;
  path: string;
  createdAt: Date;
  deletedAt: Date | null;
  sessionStatus: string;
  transcriptionState: string | null;
  setting: RecordingsSetting | null;
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
  setting: RecordingsSetting | string | null;
}

/** The recording rows the retention sweep reads and marks, across workspaces (it is the system, not a member). */
@Injectable()
export class RetentionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Recordings that look due at `now`, oldest first: finished sessions whose audio was transcribed,
   * in workspaces that keep no audio or whose retention has passed. The sweep decides each with
   * `deletionReason`; this query only narrows (and must never be wider than that decision allows).
   */
  async due(now: Date, limit: number): Promise<DueRecording[]> {
    const rows = (await this.em.getConnection().execute(
      `select r."id", r."session_id", r."workspace_id", r."path", r."created_at", r."deleted_at", s."status",
              s."transcription"->>'state' as "transcription_state", w."settings"->'recordings' as "setting"
         from "recording" r
         join "session" s on s."id" = r."session_id"
         join "workspace" w on w."id" = r."workspace_id"
        where r."deleted_at" is null
          and s."status" in ('completed', 'error')
          and coalesce(s."transcription"->>'state', '') not in ('not_transcribed', 'transcribing')
          and (w."settings"->'recordings'->'keep' = 'false'::jsonb
               or (jsonb_typeof(w."settings"->'recordings'->'retentionDays') = 'number'
                   and r."created_at" <= ?::timestamptz - (w."settings"->'recordings'->>'retentionDays')::float8 * interval '1 day'))
        order by r."created_at", r."id"
        limit ?`,
      [now.toISOString(), limit],
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
      setting: typeof r.setting === 'string' ? (JSON.parse(r.setting) as RecordingsSetting) : r.setting,
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
