import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { Meeting } from '../meetings/entities/meeting.entity.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { escapeLike } from '../common/sql-list.js';
import { Marker } from './entities/marker.entity.js';
import { Segment } from './entities/segment.entity.js';
import { TranscriptionSession, type SessionError, type SessionStatus, type SessionTranscription } from './entities/session.entity.js';

const SORT: Record<string, string> = { createdAt: 'createdAt', startedAt: 'startedAt', status: 'status', title: 'title', id: 'id' };
const MARKER_SORT: Record<string, string> = { atMs: 'atMs', createdAt: 'createdAt', type: 'type', id: 'id' };

/** Sessions, their segments and markers; every read is scoped by workspace. */
@Injectable()
export class SessionsRepository {
  static readonly sortable = Object.keys(SORT);
  static readonly markerSortable = Object.keys(MARKER_SORT);

  constructor(private readonly em: EntityManager) {}

  async list(workspaceId: string, query: ListQuery): Promise<ListResult<TranscriptionSession>> {
    const where: FilterQuery<TranscriptionSession> = { workspace: workspaceId };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.status === 'string' || Array.isArray(f.status)) Object.assign(where, { status: Array.isArray(f.status) ? { $in: f.status } : f.status });
    if (typeof f.meetingId === 'string') Object.assign(where, { meeting: f.meetingId });
    if (typeof f.source === 'string' || Array.isArray(f.source)) Object.assign(where, { source: Array.isArray(f.source) ? { $in: f.source } : f.source });
    if (typeof f.userId === 'string') Object.assign(where, { user: f.userId });
    if (typeof f.q === 'string' && f.q.trim()) Object.assign(where, { title: { $ilike: `%${escapeLike(f.q.trim())}%` } });
    const [items, total] = await this.em.findAndCount(TranscriptionSession, where, {
      orderBy: { [SORT[query.sort.field] ?? 'createdAt']: query.sort.order, id: query.sort.order },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  findOne(workspaceId: string, id: string): Promise<TranscriptionSession | null> {
    return this.em.findOne(TranscriptionSession, { id, workspace: workspaceId });
  }

  findMeeting(workspaceId: string, meetingId: string): Promise<Meeting | null> {
    return this.em.findOne(Meeting, { id: meetingId, workspace: workspaceId });
  }

  create(workspaceId: string, userId: string, data: { title?: string; language?: string; meeting?: Meeting }): TranscriptionSession {
    return this.em.create(TranscriptionSession, {
      ...data,
      workspace: this.em.getReference(Workspace, workspaceId),
      user: this.em.getReference(User, userId),
    });
  }

  /**
   * An imported transcript: the session (`source: "import"`) and its final segments in one
   * transaction, so a failed import leaves nothing behind. The meeting is taken to have ended
   * now (finalize stamps endedAt) and to have started the transcript's length before.
   */
  async createImported(
    workspaceId: string,
    userId: string,
    data: { title: string; language?: string; meeting?: Meeting },
    segments: { startMs: number; endMs: number; speaker: string | null; text: string }[],
    stats: Record<string, unknown>,
  ): Promise<string> {
    const audioMs = segments.reduce((max, s) => Math.max(max, s.endMs), 0);
    return this.em.transactional(async (em) => {
      const meeting = data.meeting ? await em.findOne(Meeting, { id: data.meeting.id, workspace: workspaceId }) : null;
      const session = em.create(TranscriptionSession, {
        title: data.title,
        language: data.language,
        meeting: meeting ?? undefined,
        source: 'import',
        workspace: em.getReference(Workspace, workspaceId),
        user: em.getReference(User, userId),
        startedAt: new Date(Date.now() - audioMs),
        stats: { ...stats, segments: segments.length, audioMs },
      });
      if (meeting && !meeting.session) meeting.session = session;
      await em.flush();
      const ordered = [...segments].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
      // In slices, clearing the unit of work between them, so a 20,000-cue file does not hold 20,000 entities.
      for (let i = 0; i < ordered.length; i += 1000) {
        const ref = em.getReference(TranscriptionSession, session.id);
        ordered.slice(i, i + 1000).forEach((s, j) =>
          em.create(Segment, { session: ref, workspace: em.getReference(Workspace, workspaceId), seq: i + j, kind: 'final', text: s.text, speaker: s.speaker ?? undefined, startMs: s.startMs, endMs: s.endMs }),
        );
        await em.flush();
        em.clear();
      }
      return session.id;
    });
  }

  /** Sessions not yet finalized (pending or recording): the caller's and the whole workspace's. */
  async countLive(workspaceId: string, userId: string): Promise<{ user: number; workspace: number }> {
    const rows = (await this.em.getConnection().execute(
      `select count(*)::int as "workspace", count(*) filter (where "user_id" = ?)::int as "user"
         from "session" where "workspace_id" = ? and "status" in ('pending', 'recording')`,
      [userId, workspaceId],
      'all',
      this.em.getTransactionContext(),
    )) as { user: number; workspace: number }[];
    return rows[0];
  }

  /** Runs `work` in a transaction holding the advisory lock `key`, so two requests cannot both pass one quota check. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.em.transactional(async (em) => {
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [key], 'all', em.getTransactionContext());
      return work();
    });
  }

  /**
   * pending/recording/transcribing → processing, once, in one statement; true for the one caller
   * that made the change. `transcription` (when given) is what the session says about its audio now.
   */
  async markProcessing(sessionId: string, reason: string, transcription?: SessionTranscription | null, from: SessionStatus[] = ['pending', 'recording', 'transcribing']): Promise<boolean> {
    const params: unknown[] = [new Date(), JSON.stringify({ finalizedBy: reason })];
    if (transcription !== undefined) params.push(transcription === null ? null : JSON.stringify(transcription));
    const rows = (await this.em.getConnection().execute(
      `update "session" set "status" = 'processing', "ended_at" = coalesce(case when "status" = 'transcribing' then "ended_at" end, ?),
          "updated_at" = now(), "stats" = "stats" || ?::jsonb${transcription !== undefined ? `, "transcription" = ?::jsonb` : ''}
        where "id" = ? and "status" in (${from.map(() => '?').join(', ')}) returning "id"`,
      [...params, sessionId, ...from],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** A finished session whose audio was not transcribed → transcribing, once; true for the caller that made the change. */
  async markTranscribing(sessionId: string): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `update "session" set "status" = 'transcribing', "updated_at" = now(), "transcription" = "transcription" || '{"state":"transcribing"}'::jsonb
        where "id" = ? and "status" in ('completed', 'error') and "transcription"->>'state' = 'not_transcribed' returning "id"`,
      [sessionId],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** Transcribing kept audio failed: the session is finished and not transcribed again, so it can be retried. */
  async markNotTranscribedAgain(sessionId: string): Promise<void> {
    await this.em.getConnection().execute(
      `update "session" set "status" = 'completed', "updated_at" = now(), "transcription" = "transcription" || '{"state":"not_transcribed"}'::jsonb
        where "id" = ? and "status" = 'transcribing'`,
      [sessionId],
    );
  }

  /** A queued recording's job starts: queued → transcribing, once; true for the caller that made the change. */
  async startTranscribing(sessionId: string): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `update "session" set "status" = 'transcribing', "updated_at" = now() where "id" = ? and "status" = 'queued' returning "id"`,
      [sessionId],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** A recording's transcription failed for good: `error`, with the reason in `stats.error`. */
  async markRecordingFailed(sessionId: string, error: SessionError): Promise<void> {
    await this.em.getConnection().execute(
      `update "session" set "status" = 'error', "updated_at" = now(), "stats" = "stats" || jsonb_build_object('error', ?::jsonb)
        where "id" = ? and "status" in ('queued', 'transcribing')`,
      [JSON.stringify(error), sessionId],
    );
  }

  /** An upload that ended in `error` is tried again: error → queued, once; its old reason goes. */
  async markQueuedAgain(sessionId: string): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(
      `update "session" set "status" = 'queued', "updated_at" = now(), "stats" = "stats" - 'error'
        where "id" = ? and "status" = 'error' and "source" = 'upload' returning "id"`,
      [sessionId],
    )) as { id: string }[];
    return rows.length === 1;
  }

  /** Which of these sessions are `queued` (kept live audio waits `transcribing`). */
  async queuedAmong(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.em.find(TranscriptionSession, { id: { $in: ids }, status: 'queued' }, { fields: ['id'], disableIdentityMap: true });
    return new Set(rows.map((r) => r.id));
  }

  /** Sessions left `transcribing` (their process stopped mid-way): picked up again at start. */
  async transcribing(limit: number): Promise<{ id: string; workspaceId: string }[]> {
    const rows = await this.em.find(TranscriptionSession, { status: 'transcribing' }, { fields: ['id', 'workspace'], limit, orderBy: { updatedAt: 'ASC' } });
    return rows.map((s) => ({ id: s.id, workspaceId: s.workspace.id }));
  }

  async statusOf(sessionId: string): Promise<TranscriptionSession['status'] | undefined> {
    const row = await this.em.findOne(TranscriptionSession, { id: sessionId }, { fields: ['status'], refresh: true });
    return row?.status;
  }

  segments(sessionId: string, kinds: Segment['kind'][] = ['final', 'corrected']): Promise<Segment[]> {
    return this.em.find(Segment, { session: sessionId, kind: { $in: kinds } }, { orderBy: { startMs: 'ASC', seq: 'ASC' } });
  }

  async listMarkers(workspaceId: string, query: ListQuery): Promise<ListResult<Marker>> {
    const where: FilterQuery<Marker> = { session: { workspace: workspaceId } };
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    if (typeof f.sessionId === 'string') Object.assign(where, { session: { id: f.sessionId, workspace: workspaceId } });
    if (typeof f.type === 'string') Object.assign(where, { type: f.type });
    const [items, total] = await this.em.findAndCount(Marker, where, {
      orderBy: { [MARKER_SORT[query.sort.field] ?? 'atMs']: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  findMarker(workspaceId: string, id: string): Promise<Marker | null> {
    return this.em.findOne(Marker, { id, session: { workspace: workspaceId } });
  }

  countMarkers(sessionId: string): Promise<number> {
    return this.em.count(Marker, { session: sessionId });
  }

  createMarker(session: TranscriptionSession, userId: string, data: Pick<Marker, 'type' | 'content' | 'atMs'> & { speaker?: string }): Marker {
    return this.em.create(Marker, { ...data, session, user: this.em.getReference(User, userId) });
  }

  remove(entity: Marker): void {
    this.em.remove(entity);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
