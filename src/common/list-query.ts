import { assertSafeJson } from './json-guard.js';
import { MinaException } from './mina.exception.js';
import { isUuid } from './uuid.pipe.js';

/**
 * react-admin "simple REST" list parameters:
 * `?sort=["createdAt","DESC"]&range=[0,24]&filter={"status":"live"}`.
 */
export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' };
  range: { start: number; end: number };
  filter: Record<string, unknown>;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export const MAX_PAGE_SIZE = 1000;
/** Nesting a filter may have when the app does not say otherwise (see `jsonMaxDepth` in config). */
export const DEFAULT_JSON_MAX_DEPTH = 32;

function parseJson(name: string, raw: unknown, maxDepth: number): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new MinaException('VALIDATION_FAILED', `${name} must be given once, as JSON`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new MinaException('VALIDATION_FAILED', `${name} is not valid JSON`);
  }
  assertSafeJson(value, maxDepth, name);
  return value;
}

/**
 * Every id in Mina is a UUID, so a filter on `id` or on any `…Id` key takes a UUID or a list of
 * them (null means no filter); anything else would reach PostgreSQL as a uuid cast and fail there.
 * `textIds` names the few keys whose ids are not UUIDs (a BullMQ job id, a backup's name).
 */
function checkIdFilters(filter: Record<string, unknown>, textIds: readonly string[]): void {
  for (const [key, value] of Object.entries(filter)) {
    if ((key !== 'id' && !key.endsWith('Id')) || textIds.includes(key) || value === null) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every(isUuid)) throw new MinaException('VALIDATION_FAILED', `filter.${key} must be a UUID or a list of UUIDs`);
  }
}

export function parseListQuery(
  query: Record<string, unknown>,
  options: { sortable: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; textIds?: readonly string[]; maxDepth?: number },
): ListQuery {
  const maxDepth = options.maxDepth ?? DEFAULT_JSON_MAX_DEPTH;
  const sortRaw = parseJson('sort', query.sort, maxDepth);
  let sort = { field: options.defaultSort[0], order: options.defaultSort[1] };
  if (sortRaw !== undefined) {
    if (!Array.isArray(sortRaw) || sortRaw.length !== 2 || typeof sortRaw[0] !== 'string') {
      throw new MinaException('VALIDATION_FAILED', 'sort must be ["field","ASC"|"DESC"]');
    }
    const order = String(sortRaw[1]).toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw new MinaException('VALIDATION_FAILED', 'sort order must be ASC or DESC');
    if (!options.sortable.includes(sortRaw[0])) {
      throw new MinaException('VALIDATION_FAILED', `cannot sort by "${sortRaw[0]}"; sortable: ${options.sortable.join(', ')}`);
    }
    sort = { field: sortRaw[0], order };
  }

  const rangeRaw = parseJson('range', query.range, maxDepth);
  let range = { start: 0, end: 24 };
  if (rangeRaw !== undefined) {
    if (
      !Array.isArray(rangeRaw) ||
      rangeRaw.length !== 2 ||
      // Safe integers only: 1e20 is an integer to JavaScript but overflows PostgreSQL's bigint offset.
      !rangeRaw.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) ||
      (rangeRaw[1] as number) < (rangeRaw[0] as number)
    ) {
      throw new MinaException('VALIDATION_FAILED', 'range must be [start,end] with 0 <= start <= end');
    }
    const [start, end] = rangeRaw as [number, number];
    if (end - start + 1 > MAX_PAGE_SIZE) {
      throw new MinaException('VALIDATION_FAILED', `a page holds at most ${MAX_PAGE_SIZE} records`);
    }
    range = { start, end };
  }

  const filterRaw = parseJson('filter', query.filter, maxDepth) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw new MinaException('VALIDATION_FAILED', 'filter must be a JSON object');
  }
  checkIdFilters(filterRaw as Record<string, unknown>, options.textIds ?? []);
  return { sort, range, filter: filterRaw as Record<string, unknown> };
}

// `Content-Range: meetings 0-24/319`; an empty page is `meetings */0`.
export function contentRange(resource: string, query: ListQuery, count: number, total: number): string {
  if (count === 0) return `${resource} */${total}`;
  return `${resource} ${query.range.start}-${query.range.start + count - 1}/${total}`;
}

/** Reads an optional filter value that must be a string (or, for getMany, an array of strings). */
export function stringFilter(filter: Record<string, unknown>, key: string): string | string[] | undefined {
  const value = filter[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new MinaException('VALIDATION_FAILED', `filter.${key} must be a string or a list of strings`);
}

export interface ListParamsOptions {
  sortable: readonly string[];
  defaultSort?: [string, 'ASC' | 'DESC'];
  /** Filter keys named `id`/`…Id` whose values are not UUIDs. */
  textIds?: readonly string[];
}
