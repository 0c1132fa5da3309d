import { Injectable } from '@nestjs/common';
import type { TenantContext } from '#src/authz/tenant.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { MinaException } from '#src/common/mina.exception.js';
import { SEARCH_TYPES, SearchRepository, type SearchHit, type SearchType } from './search.repository.js';

const MAX_QUERY = 200;

@Injectable()
export class SearchService {
  constructor(private readonly repo: SearchRepository) {}

  /** `q` in web-search syntax ("quoted phrases", -excluded, or); `filter.type` narrows to segment, summary or task. */
  async search(tenant: TenantContext, q: string | undefined, query: ListQuery): Promise<ListResult<SearchHit>> {
    const text = (q ?? (typeof query.filter.q === 'string' ? query.filter.q : '')).trim();
    if (!text) throw new MinaException('VALIDATION_FAILED', 'q is required');
    if (text.length > MAX_QUERY) throw new MinaException('VALIDATION_FAILED', `q holds at most ${MAX_QUERY} characters`);
    const raw = query.filter.type;
    const wanted = raw === undefined ? [...SEARCH_TYPES] : Array.isArray(raw) ? raw : [raw];
    if (wanted.length === 0 || !wanted.every((t) => (SEARCH_TYPES as readonly unknown[]).includes(t))) {
      throw new MinaException('VALIDATION_FAILED', `filter.type must be one or more of ${SEARCH_TYPES.join(', ')}`);
    }
    return this.repo.search(tenant.workspaceId, text, wanted as SearchType[], query.range.start, query.range.end - query.range.start + 1);
  }
}
