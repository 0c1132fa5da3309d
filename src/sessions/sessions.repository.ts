import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { type ListQuery, type ListResult } from '../common/list-query.js';
import { Meeting } from '../meetings/entities/meeting.entity.js';
import { User } from '../users/entities/user.entity.js';
import { Workspace } from '../workspaces/entities/workspace.entity.js';
import { escapeLike } from '../common/sql-list.js';
import { Marker } from './entities/marker.entity.js';
import { Segment } from './entities/segment.entity.js';
import { TranscriptionSession, type SessionTranscription } from './entities/session.entity.js';

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
   * pending/recording/transcribing → processing, once, in one statement; true for the one caller
   * that made the change. `transcription` (when given) is what the session says about its audio now.
   */
  async markProcessing(sessionId: string, reason: string, transcription?: SessionTranscription | null): Promise<boolean> {
    const params: unknown[] = [new Date(), JSON.stringify({ finalizedBy: reason })];
    if (transcription !== undefined) params.push(transcription === null ? null : JSON.stringify(transcription));
    const rows = (await this.em.getConnection().execute(
      `update "session" set "status" = 'processing', "ended_at" = coalesce(case when "status" = 'transcribing' then "ended_at" end, ?),
          "updated_at" = now(), "stats" = "stats" || ?::jsonb${transcription !== undefined ? `, "transcription" = ?::jsonb` : ''}
        where "id" = ? and "status" in ('pending', 'recording', 'transcribing') returning "id"`,
      [...params, sessionId],
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
