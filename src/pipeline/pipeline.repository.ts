import { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Segment } from '#src/sessions/entities/segment.entity.js';
import { TranscriptionSession, type SessionStatus } from '#src/sessions/entities/session.entity.js';
import { PipelineStage, type StageStatus } from './entities/pipeline-stage.entity.js';
import type { StageName } from '#src/jobs/jobs.js';
import { groupBy, StatementBatcher } from '#src/database/statement-batcher.js';

export interface StagePatch {
  status: StageStatus;
  error?: string | null;
  attempts?: number;
  fallbackUsed?: boolean;
  model?: string | null;
  provider?: string | null;
  startedAt?: Date;
  finishedAt?: Date | null;
}

export interface SegmentRow {
  id: string;
  speaker: string | null;
  startMs: number;
  endMs: number;
  confidence: number | null;
  text: string;
  refinedText: string | null;
}

/** The session as the stages need it: ids and names, no entity. */
export interface StageSession {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  userId: string;
  speakerNames: Record<string, string>;
  /** The meeting's day: its scheduled start, else when recording started, else when the session was created. */
  meetingDate: Date;
  /** The workspace's settings.summaryLanguage: the language its summaries are written in (null = the meeting's own). */
  summaryLanguage: string | null;
  /** The summary template the session's meeting chose (null: the workspace default). */
  templateId: string | null;
  /** The workspace vocabulary (settings.vocabulary). */
  vocabulary: string[];
}

export interface StageInputRow {
  session: StageSession;
  segments: SegmentRow[];
}

export interface StageState {
  stage: StageName;
  status: StageStatus;
  fallbackUsed: boolean;
}

export interface FinishedSession {
  finished: boolean;
  status: SessionStatus;
  endedAt: Date | null;
}

const MAX_REFINED_ROWS = 2_000;
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
/** Settings stored before the schema may hold anything under a key: only a list of strings is a vocabulary. */
const termsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);

const COLUMNS: Record<keyof Omit<StagePatch, 'status'>, string> = {
  error: 'error',
  attempts: 'attempts',
  fallbackUsed: 'fallback_used',
  model: 'model',
  provider: 'provider',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

/** Sessions, segments and stage states as the pipeline stages read and write them. */
interface StageMark {
  sessionId: string;
  stage: StageName;
  patch: StagePatch;
}

@Injectable()
export class PipelineRepository implements OnModuleDestroy {
  /** Stage states of every job in flight, a statement per burst instead of one per mark. */
  private readonly marks = new StatementBatcher<StageMark>((marks) => this.writeMarks(marks));
  private readonly inputs = new StatementBatcher<{ workspaceId: string; sessionId: string }, StageInputRow | null>((keys) => this.readInputs(keys), 100);
  /** About 60 rows a session: at most ~1,200 rows an UPDATE. */
  private readonly refined = new StatementBatcher<{ sessionId: string; refined: ReadonlyMap<string, string> }>((items) => this.writeRefined(items), 20, (item) => item.sessionId);
  private readonly states = new StatementBatcher<string, StageState[]>((ids) => this.readStates(ids));
  private readonly finishes = new StatementBatcher<{ sessionId: string; status: Extract<SessionStatus, 'completed' | 'error'> }, FinishedSession | undefined>(
    (items) => this.writeFinishes(items),
  );

  constructor(private readonly em: EntityManager) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.marks.flush(), this.refined.flush(), this.finishes.flush()]);
  }

  /** Scoped by the workspace the job was launched for. */
  findSession(workspaceId: string, sessionId: string): Promise<TranscriptionSession | null> {
    return this.em.findOne(TranscriptionSession, { id: sessionId, workspace: workspaceId }, { populate: ['meeting'], strategy: 'joined' });
  }

  segments(sessionId: string): Promise<Segment[]> {
    return this.em.find(Segment, { session: sessionId, kind: { $in: ['final', 'corrected'] } }, { orderBy: { startMs: 'ASC', seq: 'ASC' } });
  }

  /**
   * The same segments as plain rows, for the stages: one query and no entities to hydrate or
   * track (each stage of every session reads the whole transcript).
   */
  segmentRows(sessionId: string): Promise<SegmentRow[]> {
    return this.em.getConnection().execute(
      `select "id", "speaker", "start_ms" as "startMs", "end_ms" as "endMs", "confidence", "text", "refined_text" as "refinedText"
         from "segment" where "session_id" = ? and "kind" in ('final', 'corrected') order by "start_ms" asc, "seq" asc`,
      [sessionId],
    );
  }

  /**
   * A session and its final segments in time order (every stage of every session reads them); null
   * when the session is gone or belongs to another workspace. Reads of one burst share a statement.
   */
  stageInput(workspaceId: string, sessionId: string): Promise<StageInputRow | null> {
    return this.inputs.add({ workspaceId, sessionId });
  }

  /** Overwrites refined text (a re-run replaces the earlier refinement); the refinements of one burst go out as one UPDATE. */
  async saveRefined(sessionId: string, refined: ReadonlyMap<string, string>): Promise<void> {
    if (refined.size > 0) await this.refined.add({ sessionId, refined });
  }

  markStage(sessionId: string, stage: StageName, patch: StagePatch): Promise<void> {
    return this.marks.add({ sessionId, stage, patch });
  }

  /** Marks with the same columns go out as one upsert; one stage marked twice in a burst is written in order. */
  private async writeMarks(marks: StageMark[]): Promise<void> {
    const groups = new Map<string, StageMark[]>();
    for (const mark of marks) {
      const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => mark.patch[k] !== undefined).join(',');
      groups.set(keys, [...(groups.get(keys) ?? []), mark]);
    }
    for (const group of groups.values()) {
      const distinct = new Set(group.map((m) => `${m.sessionId}:${m.stage}`)).size === group.length;
      if (distinct) await this.upsertMarks(group);
      else for (const mark of group) await this.upsertMarks([mark]);
    }
  }

  private async upsertMarks(marks: StageMark[]): Promise<void> {
    const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => marks[0].patch[k] !== undefined);
    const columns = keys.map((k) => `"${COLUMNS[k]}"`);
    const row = `(gen_random_uuid(), now(), now(), ?, ?, ?${keys.map(() => ', ?').join('')})`;
    await this.em.getConnection().execute(
      `insert into "pipeline_stage" ("id", "created_at", "updated_at", "session_id", "stage", "status"${columns.map((c) => `, ${c}`).join('')})
       values ${marks.map(() => row).join(', ')}
       on conflict ("session_id", "stage") do update set "status" = excluded."status", "updated_at" = now()${columns.map((c) => `, ${c} = excluded.${c}`).join('')}`,
      marks.flatMap((m) => [m.sessionId, m.stage, m.patch.status, ...keys.map((k) => m.patch[k] ?? null)]),
    );
  }

  stages(sessionId: string): Promise<PipelineStage[]> {
    return this.em.find(PipelineStage, { session: sessionId });
  }

  /** Each stage's state as the reveal weighs it, as plain rows (the reveals of one burst share a statement). */
  stageStates(sessionId: string): Promise<StageState[]> {
    return this.states.add(sessionId);
  }

  /**
   * processing → completed (or error), once: `finished` is false when the session had already left
   * processing; `status` is where it stands now, `endedAt` when it was finalized. The reveals of
   * one burst share a statement.
   */
  finishSession(sessionId: string, status: Extract<SessionStatus, 'completed' | 'error'>): Promise<FinishedSession | undefined> {
    return this.finishes.add({ sessionId, status });
  }

  /** completed / error → processing, when its pipeline runs again; false when it was not revealed. */
  async reopenSession(sessionId: string): Promise<boolean> {
    return (await this.em.nativeUpdate(TranscriptionSession, { id: sessionId, status: { $in: ['completed', 'error'] } }, { status: 'processing' })) === 1;
  }

  /** Why the session's audio was not transcribed ('NO_ASR'), or null when it was (or there was none). */
  async untranscribedReason(sessionId: string): Promise<string | null> {
    const rows = (await this.em
      .getConnection()
      .execute(`select "transcription"->>'reason' as reason from "session" where "id" = ? and "transcription"->>'state' = 'not_transcribed'`, [sessionId])) as {
      reason: string | null;
    }[];
    return rows[0]?.reason ?? null;
  }

  async finalizedAt(sessionId: string): Promise<Date | undefined> {
    return (await this.em.findOne(TranscriptionSession, { id: sessionId }, { fields: ['endedAt'], refresh: true }))?.endedAt;
  }

  async statusOf(sessionId: string): Promise<SessionStatus | undefined> {
    return (await this.em.findOne(TranscriptionSession, { id: sessionId }, { fields: ['status'], refresh: true }))?.status;
  }

  /** Sessions in `processing` since before `cutoff` (finalized then), oldest first: candidates for a stuck pipeline. */
  async processingSince(cutoff: Date, limit: number): Promise<{ id: string; workspaceId: string }[]> {
    return (await this.em.getConnection().execute(
      `select "id", "workspace_id" as "workspaceId" from "session" where "status" = 'processing' and "ended_at" < ? order by "ended_at" asc limit ?`,
      [cutoff, limit],
    )) as { id: string; workspaceId: string }[];
  }

  /** Recording sessions whose row has not changed since `cutoff`, oldest first (the sweep then checks live audio). */
  abandonedCandidates(cutoff: Date, limit: number): Promise<TranscriptionSession[]> {
    return this.em.find(TranscriptionSession, { status: 'recording', updatedAt: { $lt: cutoff } }, { orderBy: { updatedAt: 'ASC' }, limit });
  }

  private async readInputs(keys: { workspaceId: string; sessionId: string }[]): Promise<(StageInputRow | null)[]> {
    const ids = [...new Set(keys.map((k) => k.sessionId))];
    const rows = (await this.em.getConnection().execute(
      `select s."id", s."workspace_id" as "workspaceId", s."meeting_id" as "meetingId", s."user_id" as "userId", s."speaker_names" as "speakerNames",
              coalesce(m."scheduled_start", s."started_at", s."created_at") as "meetingDate",
              (select w."settings"->>'summaryLanguage' from "workspace" w where w."id" = s."workspace_id") as "summaryLanguage",
              m."template_id" as "templateId",
              coalesce((select w."settings"->'vocabulary' from "workspace" w where w."id" = s."workspace_id"), '[]') as "vocabulary",
              coalesce((select json_agg(json_build_object('id', g."id", 'speaker', g."speaker", 'startMs', g."start_ms", 'endMs', g."end_ms",
                                                          'confidence', g."confidence", 'text', g."text", 'refinedText', g."refined_text")
                                        order by g."start_ms", g."seq")
                          from "segment" g where g."session_id" = s."id" and g."kind" in ('final', 'corrected')), '[]') as "segments"
         from "session" s left join "meeting" m on m."id" = s."meeting_id"
        where s."id" in (${placeholders(ids)})`,
      ids,
    )) as (Omit<StageSession, 'meetingDate' | 'speakerNames' | 'vocabulary'> & { meetingDate: Date | string; speakerNames: StageSession['speakerNames'] | string; vocabulary: string[] | string; segments: SegmentRow[] | string })[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map(({ workspaceId, sessionId }) => {
      const row = byId.get(sessionId);
      // Scoped by the workspace the job was launched for.
      if (!row || row.workspaceId !== workspaceId) return null;
      const { segments, meetingDate, speakerNames, vocabulary, ...session } = row;
      return { session: { ...session, speakerNames: parsed(speakerNames), vocabulary: termsOf(parsed(vocabulary)), meetingDate: new Date(meetingDate) }, segments: parsed(segments) };
    });
  }

  private async writeRefined(items: { sessionId: string; refined: ReadonlyMap<string, string> }[]): Promise<void> {
    const rows = items.flatMap(({ sessionId, refined }) => [...refined].map(([id, text]) => [id, sessionId, text]));
    // A few long meetings can carry thousands of rows: at most MAX_REFINED_ROWS a statement.
    for (let i = 0; i < rows.length; i += MAX_REFINED_ROWS) {
      const batch = rows.slice(i, i + MAX_REFINED_ROWS);
      await this.em.getConnection().execute(
        `update "segment" as s set "refined_text" = v.t, "updated_at" = now()
           from (values ${batch.map(() => '(?::uuid, ?::uuid, ?::text)').join(', ')}) as v(id, session, t)
          where s."id" = v.id and s."session_id" = v.session`,
        batch.flat(),
      );
    }
  }

  private async readStates(sessionIds: string[]): Promise<StageState[][]> {
    const ids = [...new Set(sessionIds)];
    const rows = (await this.em.getConnection().execute(
      `select "session_id" as "sessionId", "stage", "status", "fallback_used" as "fallbackUsed" from "pipeline_stage" where "session_id" in (${placeholders(ids)})`,
      ids,
    )) as (StageState & { sessionId: string })[];
    const bySession = groupBy(rows, (r) => r.sessionId);
    return sessionIds.map((id) => (bySession.get(id) ?? []).map(({ stage, status, fallbackUsed }) => ({ stage, status, fallbackUsed })));
  }

  private async writeFinishes(items: { sessionId: string; status: Extract<SessionStatus, 'completed' | 'error'> }[]): Promise<(FinishedSession | undefined)[]> {
    // A session revealed twice in one burst: the first reveal finishes it.
    const unique = new Map<string, (typeof items)[number]>();
    for (const item of items) if (!unique.has(item.sessionId)) unique.set(item.sessionId, item);
    const first = [...unique.values()];
    const rows = (await this.em.getConnection().execute(
      `with v("id", "status") as (values ${first.map(() => '(?::uuid, ?::text)').join(', ')}),
            fin as (update "session" s set "status" = v."status", "updated_at" = now() from v where s."id" = v."id" and s."status" = 'processing' returning s."id", s."status")
       select s."id", coalesce(fin."status", s."status") as "status", s."ended_at" as "endedAt", fin."id" is not null as "finished"
         from v join "session" s on s."id" = v."id" left join fin on fin."id" = s."id"`,
      first.flatMap((i) => [i.sessionId, i.status]),
    )) as { id: string; status: SessionStatus; endedAt: Date | string | null; finished: boolean }[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const answered = new Set<string>();
    return items.map(({ sessionId }) => {
      const row = byId.get(sessionId);
      if (!row) return undefined;
      const finished = row.finished && !answered.has(sessionId);
      answered.add(sessionId);
      return { finished, status: row.status, endedAt: row.endedAt === null ? null : new Date(row.endedAt) };
    });
  }
}
