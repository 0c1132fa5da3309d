import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { namedSql } from '#src/common/named-sql.js';
import { isoColumn } from '#src/common/sql-list.js';

export const SEARCH_TYPES = ['segment', 'summary', 'task'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchHit {
  id: string;
  type: SearchType;
  sessionId: string | null;
  title: string | null;
  /** HTML-escaped text with the matches in <mark>…</mark>. */
  snippet: string;
  rank: number;
  startMs: number | null;
  /** ISO 8601, as on the wire. */
  createdAt: string;
}

const TASK_TSV = `to_tsvector('english', t."title" || ' ' || coalesce(t."description", ''))`;
const escapeHtml = (sql: string) => `replace(replace(replace(${sql}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

const SOURCES: Record<SearchType, string> = {
  segment: `select 'segment' as type, g."id", g."session_id", null as "title", ts_rank(g."tsv", q.query) as rank,
                   coalesce(g."refined_text", g."text") as body, g."start_ms", g."created_at"
              from "segment" g, q
             where g."workspace_id" = @ws and g."tsv" @@ q.query and g."kind" in ('final', 'corrected')`,
  summary: `select 'summary' as type, m."id", m."session_id", s."title", ts_rank(m."tsv", q.query) as rank,
                   concat_ws(' ', m."overview", (select string_agg(x->>'text', ' ') from jsonb_array_elements(m."key_points" || m."decisions" || m."risks" || m."questions") x)) as body,
                   null::int as start_ms, m."created_at"
              from "summary" m join "session" s on s."id" = m."session_id", q
             where s."workspace_id" = @ws and m."tsv" @@ q.query`,
  task: `select 'task' as type, t."id", t."session_id", t."title", ts_rank(${TASK_TSV}, q.query) as rank,
                t."title" || ' ' || coalesce(t."description", '') as body, t."source_start_ms" as start_ms, t."created_at"
           from "task" t, q
          where t."workspace_id" = @ws and ${TASK_TSV} @@ q.query`,
};

/**
 * PostgreSQL full-text search (GIN indexes, ts_rank, ts_headline); the same SQL runs on PGlite.
 * Segments carry their workspace, and with btree_gin one GIN index on (workspace_id, tsv) yields
 * exactly the workspace's matches: no other tenant's rows are read and thrown away. The session
 * title of a segment hit is looked up for the page only, not for every match.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly em: EntityManager) {}

  /** Ranked hits of one workspace; snippets are only built for the page. */
  async search(workspaceId: string, text: string, types: readonly SearchType[], offset: number, limit: number): Promise<{ items: SearchHit[]; total: number }> {
    const sql = `
      with q as (select websearch_to_tsquery('english', @text) as query),
      hits as (${types.map((t) => SOURCES[t]).join(' union all ')}),
      page as (select *, count(*) over () as total from hits order by rank desc, created_at desc, id limit @limit offset @offset)
      select p."id", p."type", p."session_id" as "sessionId",
             case when p."type" = 'segment' then (select s."title" from "session" s where s."id" = p."session_id") else p."title" end as "title", p."rank", p."start_ms" as "startMs", ${isoColumn('p."created_at"', 'createdAt')},
             p."total"::int as "total",
             ts_headline('english', ${escapeHtml('p."body"')}, q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') as "snippet"
        from page p, q
       order by p."rank" desc, p."created_at" desc, p."id"`;
    const { sql: positional, params } = namedSql(sql, { ws: workspaceId, text, limit, offset });
    const rows = (await this.em.getConnection().execute(positional, params)) as (SearchHit & { total: number })[];
    if (rows.length === 0 && offset > 0) {
      // Past the end: still report the total so Content-Range stays right.
      const count = await this.search(workspaceId, text, types, 0, 1);
      return { items: [], total: count.total };
    }
    return { items: rows.map(({ total: _total, ...hit }) => ({ ...hit, rank: Number(hit.rank) })), total: rows[0]?.total ?? 0 };
  }
}
