import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Meeting } from '#src/meetings/entities/meeting.entity.js';
import { TranscriptionSession, type SessionStatus } from '#src/sessions/entities/session.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { Upload, type UploadState } from './entities/upload.entity.js';
import type { UploadMetadata } from './upload-metadata.js';

/** What the upload paths read of an upload row and its session. */
export interface UploadRow {
  id: string;
  workspaceId: string;
  userId: string;
  sessionId: string;
  clientId: string | null;
  filename: string;
  sizeBytes: number;
  receivedBytes: number;
  sha256: string | null;
  state: UploadState;
  errorCode: string | null;
  sessionStatus: SessionStatus;
  updatedAt: Date;
}

const SELECT = `select u."id", u."workspace_id" as "workspaceId", u."user_id" as "userId", u."session_id" as "sessionId",
  u."client_id" as "clientId", u."filename", u."size_bytes"::float8 as "sizeBytes", u."received_bytes"::float8 as "receivedBytes",
  u."sha256", u."state", u."error_code" as "errorCode", s."status" as "sessionStatus", u."updated_at" as "updatedAt"
  from "upload" u join "session" s on s."id" = u."session_id"`;

/** The `upload` rows and the status changes of the sessions uploads make; every tenant read is scoped by workspace. */
@Injectable()
export class UploadsRepository {
  constructor(private readonly em: EntityManager) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.em.getConnection().execute(sql, params, 'all', this.em.getTransactionContext())) as T[];
  }

  /** Runs `work` in a transaction holding the workspace's upload lock, so two creations cannot both pass a limit or claim one clientId. */
  withWorkspaceLock<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    return this.em.transactional(async () => {
      await this.rows('select pg_advisory_xact_lock(hashtext(?))', [`uploads:${workspaceId}`]);
      return work();
    });
  }

  async find(workspaceId: string, id: string): Promise<UploadRow | null> {
    return (await this.rows<UploadRow>(`${SELECT} where u."id" = ? and u."workspace_id" = ?`, [id, workspaceId]))[0] ?? null;
  }

  /** For system callers (jobs) that got the id from a job of their own. */
  async findById(id: string): Promise<UploadRow | null> {
    return (await this.rows<UploadRow>(`${SELECT} where u."id" = ?`, [id]))[0] ?? null;
  }

  async byClientId(workspaceId: string, clientId: string): Promise<UploadRow | null> {
    return (await this.rows<UploadRow>(`${SELECT} where u."workspace_id" = ? and u."client_id" = ?`, [workspaceId, clientId]))[0] ?? null;
  }

  /** The newest upload of this content in the workspace that did not fail. */
  async bySha256(workspaceId: string, sha256: string): Promise<UploadRow | null> {
    return (await this.rows<UploadRow>(`${SELECT} where u."workspace_id" = ? and u."sha256" = ? and u."state" <> 'failed' order by u."created_at" desc limit 1`, [workspaceId, sha256]))[0] ?? null;
  }

  /** Uploads still receiving bytes: the caller's and the whole workspace's. */
  async countInFlight(workspaceId: string, userId: string): Promise<{ user: number; workspace: number }> {
    const rows = await this.rows<{ user: number; workspace: number }>(
      `select count(*)::int as "workspace", count(*) filter (where "user_id" = ?)::int as "user" from "upload" where "workspace_id" = ? and "state" = 'uploading'`,
      [userId, workspaceId],
    );
    return rows[0];
  }

  findMeeting(workspaceId: string, meetingId: string): Promise<Meeting | null> {
    return this.em.findOne(Meeting, { id: meetingId, workspace: workspaceId });
  }

  /** The session (`source: upload`, `uploading`) and its upload row; call inside withWorkspaceLock so both land or neither. */
  async create(input: { id: string; workspaceId: string; userId: string; sizeBytes: number; meta: UploadMetadata; meeting: Meeting | null }): Promise<string> {
    const { meta } = input;
    const session = this.em.create(TranscriptionSession, {
      workspace: this.em.getReference(Workspace, input.workspaceId),
      user: this.em.getReference(User, input.userId),
      title: meta.title ?? meta.filename.replace(/\.[^.]+$/, '').slice(0, 300),
      language: meta.language ?? undefined,
      meeting: input.meeting ?? undefined,
      source: 'upload',
      status: 'uploading',
      stats: { upload: { filename: meta.filename, sizeBytes: input.sizeBytes, receivedBytes: 0, progress: 0 } },
    });
    if (input.meeting && !input.meeting.session) input.meeting.session = session;
    this.em.create(Upload, {
      id: input.id,
      workspace: this.em.getReference(Workspace, input.workspaceId),
      user: this.em.getReference(User, input.userId),
      session,
      clientId: meta.clientId,
      filename: meta.filename,
      contentType: meta.filetype,
      sizeBytes: input.sizeBytes,
    });
    await this.em.flush();
    return session.id;
  }

  /**
   * Bytes received so far, on the row (what the expiry sweep reads) and in the session's stats
   * (what the session shows); forward only. PATCH ends and tus's progress events race each other
   * (background hooks, pooled connections): only the caller that advanced the count gets a row
   * back, so the progress the session room hears only rises.
   */
  async recordProgress(id: string, receivedBytes: number): Promise<{ sessionId: string; sizeBytes: number } | null> {
    // One statement: the upload row's lock orders concurrent callers, and their answers come back in that order.
    const rows = await this.rows<{ sessionId: string; sizeBytes: string }>(
      `with u as (
         update "upload" set "received_bytes" = ?, "updated_at" = now() where "id" = ? and "state" = 'uploading' and "received_bytes" < ?
         returning "session_id", "size_bytes"
       ), s as (
         update "session" set "updated_at" = now(), "stats" = jsonb_set("stats", '{upload}', coalesce("stats"->'upload', '{}'::jsonb) || jsonb_build_object('receivedBytes', ?::bigint,
           'progress', round(?::numeric / greatest(("stats"->'upload'->>'sizeBytes')::numeric, 1), 4)))
         from u where "session"."id" = u."session_id" and "session"."status" = 'uploading'
       )
       select "session_id" as "sessionId", "size_bytes" as "sizeBytes" from u`,
      [receivedBytes, id, receivedBytes, receivedBytes, receivedBytes],
    );
    return rows.length === 0 ? null : { sessionId: rows[0].sessionId, sizeBytes: Number(rows[0].sizeBytes) };
  }

  /** uploading → `to` for the upload, once; true for the caller that made the change. */
  async moveUpload(id: string, from: UploadState[], to: UploadState, set: { sha256?: string; sessionId?: string; errorCode?: string; errorMessage?: string } = {}): Promise<boolean> {
    const rows = await this.rows(
      `update "upload" set "state" = ?, "updated_at" = now(), "sha256" = coalesce(?, "sha256"), "session_id" = coalesce(?, "session_id"),
          "error_code" = coalesce(?, "error_code"), "error_message" = coalesce(?, "error_message"),
          "received_bytes" = case when ? in ('received', 'duplicate') then "size_bytes" else "received_bytes" end
        where "id" = ? and "state" in (${from.map(() => '?').join(', ')}) returning "id"`,
      [to, set.sha256 ?? null, set.sessionId ?? null, set.errorCode ?? null, set.errorMessage?.slice(0, 2000) ?? null, to, id, ...from],
    );
    return rows.length === 1;
  }

  /**
   * The session of an upload moves on (uploading → queued → transcribing, or → error), only from
   * the statuses given, so a session someone else moved meanwhile is left alone. `stats` is merged.
   */
  async moveSession(sessionId: string, from: SessionStatus[], to: SessionStatus, stats: Record<string, unknown> = {}): Promise<boolean> {
    const rows = await this.rows(
      `update "session" set "status" = ?, "updated_at" = now(), "stats" = "stats" || ?::jsonb,
          "ended_at" = case when ? = 'error' then coalesce("ended_at", now()) else "ended_at" end
        where "id" = ? and "status" in (${from.map(() => '?').join(', ')}) returning "id"`,
      [to, JSON.stringify(stats), to, sessionId, ...from],
    );
    return rows.length === 1;
  }

  async mergeSessionStats(sessionId: string, stats: Record<string, unknown>): Promise<void> {
    await this.rows(`update "session" set "stats" = "stats" || ?::jsonb, "updated_at" = now() where "id" = ?`, [JSON.stringify(stats), sessionId]);
  }

  /** A session an upload made and nothing else refers to any more (its content was a duplicate, or the upload was cancelled). */
  async deleteSession(sessionId: string): Promise<void> {
    await this.rows(`update "meeting" set "session_id" = null where "session_id" = ?`, [sessionId]);
    await this.rows(`delete from "session" where "id" = ? and "source" = 'upload'`, [sessionId]);
  }

  /** Does a recording of this workspace (kept live audio, an earlier upload's stored file) have exactly these bytes? */
  async recordingWithSha256(workspaceId: string, sha256: string, exceptSessionId: string): Promise<string | null> {
    const rows = await this.rows<{ sessionId: string }>(
      `select "session_id" as "sessionId" from "recording" where "workspace_id" = ? and "sha256" = ? and "session_id" <> ? limit 1`,
      [workspaceId, sha256, exceptSessionId],
    );
    return rows[0]?.sessionId ?? null;
  }

  /** A failed upload lets go of its clientId, so the client can upload the recording again under it. */
  async releaseClientId(id: string): Promise<void> {
    await this.rows(`update "upload" set "client_id" = null, "updated_at" = now() where "id" = ? and "state" = 'failed'`, [id]);
  }

  async sessionStatus(sessionId: string): Promise<SessionStatus | null> {
    return (await this.rows<{ status: SessionStatus }>(`select "status" from "session" where "id" = ?`, [sessionId]))[0]?.status ?? null;
  }

  /** Uploads in `states` not touched since `before`, oldest first. */
  async stale(states: UploadState[], before: Date, limit: number): Promise<UploadRow[]> {
    return this.rows<UploadRow>(`${SELECT} where u."state" in (${states.map(() => '?').join(', ')}) and u."updated_at" < ? order by u."updated_at" limit ?`, [...states, before, limit]);
  }
}
