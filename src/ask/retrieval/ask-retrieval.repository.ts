import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { namedSql } from '#src/common/named-sql.js';

/** Where retrieval looks: one workspace, optionally narrowed. Dates bound the session's start. */
export interface RetrievalScope {
  workspaceId: string;
  sessionId?: string;
  meetingId?: string;
  from?: Date;
  to?: Date;
  speaker?: string;
}

/** A best-matching segment, or a summary item / task anchored on the segment at its moment. */
export interface RetrievalHit {
  segmentId: string;
  sessionId: string;
  seq: number;
  /** Set for summary items and tasks ("Decision", "Task"…); null for a transcript segment. */
  label: string | null;
  body: string | null;
  /** Share of the question's weight (idf) that the hit matches, 0..1. */
  score: number;
}

export interface WindowSegment {
  id: string;
  sessionId: string;
  seq: number;
  startMs: number;
  endMs: number;
  /** Display name: the session's speaker rename when there is one, else the diarization label. */
  speaker: string | null;
  text: string;
}

const FINAL = `g."kind" in ('final', 'corrected')`;
/** Most distinct question lexemes weighed; a question is short, this bounds a pasted essay. */
const MAX_TERMS = 32;
/** Wide scopes: a word's matches counted exactly up to this many (rarer than ANALYZE's common lexemes, so rarely reached). */
const DF_COUNT_CAP = 5_000;
/** Wide scopes: candidate segments are those of the rarest words whose matches add up to this. */
const CANDIDATE_BUDGET = 3_000;
/** Wide scopes: most candidate segments scored. */
const CANDIDATE_CAP = 5_000;
/** Below this many segments (estimated) a wide scope is counted exactly: it is cheap, and the statistics may be stale. */
const EXACT_BELOW = 20_000;

/** A session or meeting: its segments, read once, counted exactly. */
const NARROW_COUNTS = `
      pool as materialized (
        select g."id", g."session_id", g."seq", g."speaker", g."tsv", sc."names" from "segment" g join scope sc on sc."id" = g."session_id"
         where g."workspace_id" = @ws and ${FINAL}
      ),
      weights as materialized (
        select t."lexeme", t.q, ln(1 + (c.n - d.df + 0.5) / (d.df + 0.5)) as idf
          from terms t cross join (select count(*)::float8 as n from pool) c
          cross join lateral (select count(*)::float8 as df from pool p where p."tsv" @@ t.q) d
      )`;
const NARROW_CANDIDATES = `candidates as materialized (select p.* from pool p cross join total tot where p."tsv" @@ tot.query)`;

/**
 * The workspace condition of the wide scans. The workspace's key in GIN(workspace_id, tsv) is a
 * posting tree of all its segments, read whole on every scan (300 pages, ~6 ms at 1M segments,
 * for a word found in 800 of them): worth it when the workspace is a small part of the table
 * (other tenants' matches are never visited), not when it is most of it. There, compared as
 * text, it stays a filter on the rows the index yields for the words. The scope join keeps the
 * tenancy either way.
 */
const wideWorkspace = (dominant: boolean) =>
  dominant ? `g."workspace_id"::text = @wsText` : `g."workspace_id" = @ws`;
/** A workspace holding at least this share of all sessions is "most of the table" above. */
const DOMINANT_SHARE = 0.5;

/** A workspace: sizes from the statistics where counting would read most of the table. */
const wideCounts = (workspace: string, sessionWhere: string) => `
      common as (
        select x.e as "lexeme", x.f from pg_stats st
         cross join lateral unnest(st."most_common_elems"::text::text[], st."most_common_elem_freqs") x(e, f)
         where st."schemaname" = current_schema() and st."tablename" = 'segment' and st."attname" = 'tsv' and x.e is not null
      ),
      corpus as materialized (
        select case when e.n >= ${EXACT_BELOW} then e.n
                    else (select count(*) from "segment" g join scope sc on sc."id" = g."session_id" where g."workspace_id" = @ws and ${FINAL}) end::float8 as n
          from (select (select c."reltuples" from pg_class c where c."oid" = 'segment'::regclass) * (select count(*) from scope)
                       / greatest(1, (select c."reltuples" from pg_class c where c."oid" = 'session'::regclass)) as n) e
      ),
      counted as materialized (
        select t."lexeme", t.q, least(c.n, coalesce(m.f * c.n, (
                 select count(*) from (
                   select 1 from "segment" g join "session" s on s."id" = g."session_id"
                    where ${workspace} and ${FINAL} and g."tsv" @@ t.q and ${sessionWhere} limit ${DF_COUNT_CAP}) x)))::float8 as df
          from terms t cross join corpus c
          left join common m on m."lexeme" = t."lexeme" and c.n >= ${EXACT_BELOW}
      ),
      weights as materialized (
        select d."lexeme", d.q, d.df, ln(1 + (c.n - d.df + 0.5) / (d.df + 0.5)) as idf from counted d cross join corpus c
      )`;
const wideCandidates = (workspace: string, sessionWhere: string) => `
      probe as (
        select string_agg(quote_literal(r."lexeme"), ' | ')::tsquery as query
          from (select w."lexeme", w.df, sum(w.df) over (order by w.df, w."lexeme") as cum from weights w) r
         where r.cum <= ${CANDIDATE_BUDGET} or r.cum - r.df < 1
      ),
      candidates as materialized (
        select g."id", g."session_id", g."seq", g."speaker", g."tsv", s."speaker_names" as "names" from probe p
          join "segment" g on g."tsv" @@ p.query
          join "session" s on s."id" = g."session_id"
         where ${workspace} and ${FINAL} and ${sessionWhere}
         limit ${CANDIDATE_CAP}
      )`;

/**
 * The SQL of Ask's retrieval. Every query is bounded by the workspace's sessions (`scope`, or
 * its conditions on each segment's session where a join by primary key is cheaper), so no
 * other tenant's row is read, and skips sessions whose content retention deleted. Over a
 * workspace, segments are found through the GIN index on (workspace_id, tsv).
 */
@Injectable()
export class AskRetrievalRepository {
  constructor(private readonly em: EntityManager) {}

  async sessionExists(workspaceId: string, sessionId: string): Promise<boolean> {
    return this.exists(`select 1 from "session" where "workspace_id" = ? and "id" = ?`, [
      workspaceId,
      sessionId,
    ]);
  }

  async meetingExists(workspaceId: string, meetingId: string): Promise<boolean> {
    return this.exists(`select 1 from "meeting" where "workspace_id" = ? and "id" = ?`, [
      workspaceId,
      meetingId,
    ]);
  }

  /**
   * The question's content lexemes (PostgreSQL's English stemmer and stopwords) are OR-ed, each
   * weighed by its rarity in the scope (BM25's idf); a hit scores the share of the question's
   * weight it matches, so a segment with the rare words of the question beats one with its
   * common ones, and a question whose rare words appear nowhere scores low everywhere.
   *
   * Two shapes, chosen by the scope (docs/benchmarks.md, bench:ask, has the profiles):
   * - a session or a meeting: its segments (a few thousand at most) are read once through the
   *   session index and everything is counted exactly on them;
   * - a workspace (maybe with dates or a speaker): counting a common word's segments over 1M
   *   rows costs seconds, so the scope's size is estimated from the table statistics, a word
   *   ANALYZE lists among the column's most common lexemes takes its frequency from there, and
   *   only a rarer one is counted (up to DF_COUNT_CAP). Candidates are the segments holding the
   *   question's rarest words, as many words as stay within CANDIDATE_BUDGET matches (at least the
   *   rarest word found), at most CANDIDATE_CAP of them; every candidate is then scored against
   *   all the words. A segment holding only common words of a question that also has rare ones
   *   cannot outscore one holding the rare ones, so it is not looked at.
   * The statement runs with JIT off: its cost estimate (GIN scans of common words) crosses
   * jit_above_cost, and compiling it took longer than running it (~3 s of a 4 s query).
   */
  async hits(scope: RetrievalScope, question: string, limit: number): Promise<RetrievalHit[]> {
    const sessionWhere = [
      `s."workspace_id" = @ws`,
      `s."content_deleted" is null`,
      ...(scope.sessionId ? [`s."id" = @session`] : []),
      ...(scope.meetingId ? [`s."meeting_id" = @meeting`] : []),
      ...(scope.from ? [`coalesce(s."started_at", s."created_at") >= @from`] : []),
      ...(scope.to ? [`coalesce(s."started_at", s."created_at") <= @to`] : []),
    ].join(' and ');
    const bySpeaker = (alias: string, names: string) =>
      scope.speaker
        ? `and (lower(coalesce(${names}->>${alias}."speaker", ${alias}."speaker")) = lower(@speaker) or lower(${alias}."speaker") = lower(@speaker))`
        : '';
    const narrow = Boolean(scope.sessionId || scope.meetingId);
    const workspace = narrow
      ? ''
      : wideWorkspace((await this.workspaceShare(scope.workspaceId)) >= DOMINANT_SHARE);
    const sql = `
      with terms as (
        select t."lexeme", quote_literal(t."lexeme")::tsquery as q
          from unnest(to_tsvector('english', @question)) t
         order by t."lexeme" limit ${MAX_TERMS}
      ),
      scope as materialized (
        select s."id", s."speaker_names" as "names" from "session" s where ${sessionWhere}
      ),
      ${narrow ? NARROW_COUNTS : wideCounts(workspace, sessionWhere)},
      total as (
        select nullif(sum(w.idf), 0) as idf, (select string_agg(quote_literal(t."lexeme"), ' | ') from terms t)::tsquery as query from weights w
      ),
      ${narrow ? NARROW_CANDIDATES : wideCandidates(workspace, sessionWhere)},
      segment_hits as (
        select g."id" as segment_id, g."session_id", g."seq", null::text as label, null::text as body,
               sum(w.idf) / max(tot.idf) as score, max(ts_rank_cd(g."tsv", tot.query)) as tie
          from candidates g
          cross join total tot
          join weights w on g."tsv" @@ w.q
         where true ${bySpeaker('g', 'g."names"')}
         group by g."id", g."session_id", g."seq"
      ),
      items as (
        select v.label, m."session_id", x.value->>'text' as body, (x.value->>'atMs')::float8 as at_ms
          from "summary" m join scope sc on sc."id" = m."session_id"
          cross join total tot
          cross join lateral (values ('Key point', m."key_points"), ('Decision', m."decisions"), ('Risk', m."risks"), ('Open question', m."questions")) v(label, list)
          cross join lateral jsonb_array_elements(v.list) x
         where m."tsv" @@ tot.query and jsonb_typeof(x.value->'atMs') = 'number' and jsonb_typeof(x.value->'text') = 'string'
        union all
        select 'Task', t."session_id", t."title" || coalesce(' — ' || t."description", ''), t."source_start_ms"::float8
          from "task" t join scope sc on sc."id" = t."session_id" cross join total tot
         where t."workspace_id" = @ws and t."source_start_ms" is not null
           and to_tsvector('english', t."title" || ' ' || coalesce(t."description", '')) @@ tot.query
      ),
      item_scores as (
        select i.label, i."session_id", i.body, i.at_ms, sum(w.idf) / max(tot.idf) as score
          from items i cross join total tot join weights w on to_tsvector('english', i.body) @@ w.q
         group by i.label, i."session_id", i.body, i.at_ms
      ),
      item_hits as (
        select a."id" as segment_id, i."session_id", a."seq", i.label, i.body, i.score, 0::float8 as tie
          from item_scores i join scope sc on sc."id" = i."session_id"
          cross join lateral (
            select g."id", g."seq", g."speaker" from "segment" g
             where g."session_id" = i."session_id" and g."workspace_id" = @ws and ${FINAL}
             order by g."start_ms" > i.at_ms, case when g."start_ms" <= i.at_ms then -g."start_ms" else g."start_ms" end
             limit 1
          ) a
         where true ${bySpeaker('a', 'sc."names"')}
      )
      select h.segment_id as "segmentId", h."session_id" as "sessionId", h."seq", h.label, h.body, h.score
        from (select * from segment_hits union all select * from item_hits) h
       order by h.score desc, h.tie desc, h."session_id", h."seq", h.label nulls first
       limit @limit`;
    const { sql: positional, params } = namedSql(sql, {
      ws: scope.workspaceId,
      wsText: scope.workspaceId,
      question,
      session: scope.sessionId,
      meeting: scope.meetingId,
      from: scope.from,
      to: scope.to,
      speaker: scope.speaker,
      limit,
    });
    const rows = await this.em.transactional(async (em) => {
      const connection = em.getConnection();
      await connection.execute('set local jit = off', [], 'run', em.getTransactionContext());
      return (await connection.execute(
        positional,
        params,
        'all',
        em.getTransactionContext(),
      )) as RetrievalHit[];
    });
    return rows.map((r) => ({ ...r, seq: Number(r.seq), score: Number(r.score) }));
  }

  /** The final segments within `radius` of each (session, seq), with their display speakers. */
  async windows(
    workspaceId: string,
    centres: { sessionId: string; seq: number }[],
    radius: number,
  ): Promise<WindowSegment[]> {
    if (centres.length === 0) return [];
    const rows = (await this.em.getConnection().execute(
      `select distinct g."id", g."session_id" as "sessionId", g."seq", g."start_ms" as "startMs", g."end_ms" as "endMs",
              coalesce(s."speaker_names"->>g."speaker", g."speaker") as "speaker", coalesce(g."refined_text", g."text") as "text"
         from (values ${centres.map(() => '(?::uuid, ?::int)').join(', ')}) c(session_id, seq)
         join "segment" g on g."session_id" = c.session_id and g."seq" between c.seq - ? and c.seq + ?
         join "session" s on s."id" = g."session_id" and s."workspace_id" = ?
        where g."workspace_id" = ? and ${FINAL}
        order by g."session_id", g."seq"`,
      [...centres.flatMap((c) => [c.sessionId, c.seq]), radius, radius, workspaceId, workspaceId],
    )) as WindowSegment[];
    return rows.map((r) => ({
      ...r,
      seq: Number(r.seq),
      startMs: Number(r.startMs),
      endMs: Number(r.endMs),
    }));
  }

  /** The workspace's share of all sessions (the table statistics' count; ≥ 1 before the first ANALYZE). */
  private async workspaceShare(workspaceId: string): Promise<number> {
    const rows = (await this.em.getConnection().execute(
      `select count(*)::float8 / greatest(1, (select c."reltuples" from pg_class c where c."oid" = 'session'::regclass)) as "share"
         from "session" where "workspace_id" = ?`,
      [workspaceId],
    )) as { share: number }[];
    return Number(rows[0].share);
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    const rows = (await this.em.getConnection().execute(sql, params)) as unknown[];
    return rows.length > 0;
  }
}
