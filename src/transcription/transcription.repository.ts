import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Segment } from '#src/sessions/entities/segment.entity.js';
import { TranscriptionSession } from '#src/sessions/entities/session.entity.js';

/** Where transcription of a session got to, saved in the same statement as the segments it covers. */
export interface TranscriptCheckpoint {
  /** 16 kHz sample index where the last transcribed window ended. */
  endSample: number;
  /** seq the next final segment gets. */
  nextSeq: number;
  /** Tail of the transcript: prompt for the next window and overlap reconciliation after a takeover. */
  lastText: string;
  lastForceCut: boolean;
}

export interface NewSegment {
  seq: number;
  text: string;
  speaker: string | null;
  startMs: number;
  endMs: number;
  confidence: number | null;
  language: string | null;
}

export interface PersistedSegment extends NewSegment {
  id: string;
}

/** Segment writes of the live path and the session reads the gateway needs. */
@Injectable()
export class TranscriptionRepository {
  constructor(private readonly em: EntityManager) {}

  findSession(workspaceId: string, id: string): Promise<TranscriptionSession | null> {
    return this.em.findOne(TranscriptionSession, { id, workspace: workspaceId });
  }

  findSessionById(id: string): Promise<TranscriptionSession | null> {
    return this.em.findOne(TranscriptionSession, { id });
  }

  /** The workspace vocabulary (settings.vocabulary) the recognizer is prompted with. */
  async vocabulary(workspaceId: string): Promise<string[]> {
    const rows = (await this.em.getConnection().execute(`select "settings"->'vocabulary' as "terms" from "workspace" where "id" = ?`, [workspaceId])) as { terms: unknown }[];
    const terms = typeof rows[0]?.terms === 'string' ? (JSON.parse(rows[0].terms) as unknown) : rows[0]?.terms;
    return Array.isArray(terms) ? terms.filter((t): t is string => typeof t === 'string') : [];
  }

  /** pending → recording, once; true for the caller that made the change. */
  async markRecording(id: string): Promise<boolean> {
    const changed = await this.em.nativeUpdate(TranscriptionSession, { id, status: 'pending' }, { status: 'recording', startedAt: new Date() });
    return changed === 1;
  }

  async statusOf(id: string): Promise<TranscriptionSession['status'] | undefined> {
    const s = await this.em.findOne(TranscriptionSession, { id }, { fields: ['status'] });
    return s?.status;
  }

  finalsAfter(sessionId: string, seq: number): Promise<Segment[]> {
    return this.em.find(Segment, { session: sessionId, kind: 'final', seq: { $gt: seq } }, { orderBy: { seq: 'asc' } });
  }

  async checkpoint(sessionId: string): Promise<TranscriptCheckpoint | undefined> {
    const rows = (await this.em
      .getConnection()
      .execute(`select stats->'transcription' as ck from "session" where id = ?`, [sessionId])) as { ck: TranscriptCheckpoint | null }[];
    return rows[0]?.ck ?? undefined;
  }

  /**
   * Inserts a window's segments and moves the checkpoint in ONE statement, so a process that dies
   * in between cannot leave segments without the checkpoint that says they exist (or the reverse).
   * Returns the rows it inserted and the session's current speaker names.
   */
  async persistWindow(
    sessionId: string,
    segments: NewSegment[],
    checkpoint: TranscriptCheckpoint,
    stats: Record<string, unknown>,
  ): Promise<{ inserted: PersistedSegment[]; speakerNames: Record<string, string> }> {
    const withIds = segments.map((s) => ({ ...s, id: randomUUID() }));
    const params: unknown[] = [];
    const values = withIds.map((s) => {
      params.push(s.id, sessionId, s.seq, s.text, s.speaker, Math.round(s.startMs), Math.round(s.endMs), s.confidence, s.language);
      return `(?::uuid, now(), now(), ?::uuid, ?::int, 'final', ?, ?, ?::int, ?::int, ?::real, ?)`;
    });
    const insert = withIds.length
      ? `ins as (insert into "segment" ("id", "created_at", "updated_at", "session_id", "seq", "kind", "text", "speaker", "start_ms", "end_ms", "confidence", "language")
           values ${values.join(', ')} on conflict ("session_id", "seq") do nothing returning "id"),`
      : `ins as (select null::uuid as "id" where false),`;
    // audioMs never shrinks: an upload's is the whole file (set at ingest), and the last window ends before its trailing silence.
    const audioMs = typeof stats.audioMs === 'number' ? stats.audioMs : null;
    params.push(JSON.stringify({ ...stats, transcription: checkpoint }), audioMs, audioMs, sessionId);
    const rows = (await this.em.getConnection().execute(
      `with ${insert}
       upd as (update "session" set "stats" = "stats" || ?::jsonb || case when ?::numeric is null then '{}'::jsonb
           else jsonb_build_object('audioMs', greatest(coalesce(("stats"->>'audioMs')::numeric, 0), ?::numeric)) end
         where "id" = ?::uuid returning "speaker_names")
       select (select json_agg("id") from ins) as ids, (select "speaker_names" from upd) as speaker_names`,
      params,
    )) as { ids: string[] | null; speaker_names: Record<string, string> | null }[];
    const ids = new Set((rows[0]?.ids ?? []).map(String));
    return { inserted: withIds.filter((s) => ids.has(s.id)), speakerNames: rows[0]?.speaker_names ?? {} };
  }
}
