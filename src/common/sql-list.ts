import type { EntityManager } from '@mikro-orm/core';
import type { ListQuery, ListResult } from './list-query.js';
import { MinaException } from './mina.exception.js';
import { parseStrictDate } from './strict-date.js';
import { isUuid } from './uuid.pipe.js';

/** `%`, `_` and backslash in a user's search text are data, not LIKE wildcards. */
export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/**
 * A parameterised WHERE clause for the hot list endpoints, which read plain rows instead of
 * hydrating entities (hydration was half the CPU of a list request under load). Column names are
 * always ours; values are always placeholders.
 */
export class SqlWhere {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(tenantColumn: string, workspaceId: string) {
    this.eq(tenantColumn, workspaceId);
  }

  eq(column: string, value: unknown): this {
    this.parts.push(`${column} = ?`);
    this.params.push(value);
    return this;
  }

  in(column: string, values: readonly unknown[]): this {
    if (values.length === 0) {
      this.parts.push('false');
      return this;
    }
    this.parts.push(`${column} in (${values.map(() => '?').join(', ')})`);
    this.params.push(...values);
    return this;
  }

  compare(column: string, operator: '>=' | '<=', value: unknown): this {
    this.parts.push(`${column} ${operator} ?`);
    this.params.push(value);
    return this;
  }

  contains(column: string, text: string): this {
    this.parts.push(`${column} ilike ?`);
    this.params.push(`%${escapeLike(text)}%`);
    return this;
  }

  get sql(): string {
    return this.parts.join(' and ');
  }
}

/** A filter value that must be a UUID (or a list of them): a clear 400 instead of a SQL error. */
export function uuidFilter(name: string, value: unknown): string;
export function uuidFilter(name: string, value: unknown, list: true): string[];
export function uuidFilter(name: string, value: unknown, list?: true): string | string[] {
  const values = list ? value : [value];
  if (!Array.isArray(values) || !values.every(isUuid)) {
    throw new MinaException('VALIDATION_FAILED', `filter.${name} must be ${list ? 'a list of UUIDs' : 'a UUID'}`);
  }
  return list ? values : values[0];
}

/** A filter value that is one string or a list of strings. */
export function stringsFilter(name: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((v) => typeof v === 'string')) throw new MinaException('VALIDATION_FAILED', `filter.${name} must be a string or a list of strings`);
  return values;
}

/** A filter value that must be a real ISO date or date-time. */
export function dateFilter(name: string, value: unknown): Date {
  const date = parseStrictDate(value);
  if (!date) throw new MinaException('VALIDATION_FAILED', `filter.${name} must be a real ISO 8601 date`);
  return date;
}

/** A timestamptz column read as the API writes dates (ISO 8601, UTC, milliseconds). */
export const isoColumn = (column: string, alias: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${alias}"`;

export interface SqlPage {
  table: string;
  columns: string;
  where: SqlWhere;
  /** Column to sort by (already mapped from the public field name), then id as a tie-break. */
  orderBy: string;
  /** More CTEs over `page` and what to join them with, for per-row data such as participants. */
  related?: { ctes: string; join: string };
}

export interface PageStatement {
  /** `?` placeholders, in the order of `params`. */
  sql: string;
  params: unknown[];
  /** The count alone, for a page past the end (which has no row to carry the total). */
  count: { sql: string; params: unknown[] };
}

/**
 * One page and the total as a single statement: the page is a CTE, the count an uncorrelated
 * sub-select PostgreSQL evaluates once, and related rows (a meeting's participants) are gathered
 * for the page's rows only. Pure, so the benchmark runs exactly this SQL as its floor.
 */
export function pageStatement(page: SqlPage, query: ListQuery): PageStatement {
  const order = query.sort.order === 'DESC' ? 'desc' : 'asc';
  const { sql: where, params } = page.where;
  const count = `select count(*)::int as total from ${page.table} where ${where}`;
  return {
    sql: `with page as (select * from ${page.table} where ${where} order by ${page.orderBy} ${order}, id ${order} limit ? offset ?)
     ${page.related ? `, ${page.related.ctes}` : ''}
     select ${page.columns}, (${count}) as "__total" from page ${page.related?.join ?? ''} order by ${page.orderBy} ${order}, id ${order}`,
    params: [...params, query.range.end - query.range.start + 1, query.range.start, ...params],
    count: { sql: count, params },
  };
}

/** Runs a page statement: one round trip, or two for a page past the end. */
export async function selectPage<Row>(em: EntityManager, page: SqlPage, query: ListQuery): Promise<ListResult<Row>> {
  const connection = em.getConnection();
  const statement = pageStatement(page, query);
  const rows = (await connection.execute(statement.sql, statement.params)) as (Row & { __total: number })[];
  if (rows.length === 0) {
    const total = query.range.start === 0 ? 0 : ((await connection.execute(statement.count.sql, statement.count.params)) as { total: number }[])[0].total;
    return { items: [], total };
  }
  const total = rows[0].__total;
  return { items: rows.map(({ __total, ...row }) => row as Row), total };
}
