import { Injectable } from '@nestjs/common';
import { TokenUsageRepository, type TokenUsageByDay, type TokenUsageByModel, type TokenUsageTotals } from '#src/ai/token-usage.repository.js';
import type { TenantContext } from '#src/authz/tenant.js';
import { MinaException } from '#src/common/mina.exception.js';
import { parseStrictDate } from '#src/common/strict-date.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { workspaceTrends, type TrendBucket, type TrendPoint } from './compute/workspace-trends.js';

export interface TrendsQuery {
  from?: string;
  to?: string;
  bucket?: string;
}

export interface WorkspaceTrendsView {
  from: string;
  to: string;
  bucket: TrendBucket;
  points: TrendPoint[];
  totals: { meetings: number; minutes: number; tokens: TokenUsageTotals };
}

export interface TokenUsageView {
  workspaceId: string;
  /** Inclusive UTC days. */
  from: string;
  to: string;
  totals: TokenUsageTotals;
  byModel: TokenUsageByModel[];
  byDay: TokenUsageByDay[];
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 400;

function day(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const date = parseStrictDate(value, 'date');
  if (!date) throw new MinaException('VALIDATION_FAILED', `${name} must be a real date, yyyy-mm-dd`);
  return date.getTime();
}

@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly usage: TokenUsageRepository,
  ) {}

  /** Meetings, minutes and average speaking rate, engagement and sentiment per day or week over [from, to]. */
  async trends(tenant: TenantContext, query: TrendsQuery): Promise<WorkspaceTrendsView> {
    const bucket = query.bucket ?? 'day';
    if (bucket !== 'day' && bucket !== 'week') throw new MinaException('VALIDATION_FAILED', 'bucket must be day or week');
    const { from, to } = dayRange(query, bucket === 'day' ? 1 : 7, bucket);
    const [start, end] = [new Date(from), new Date(to + DAY_MS)];
    const [rows, tokens] = await Promise.all([
      this.analytics.trendRows(tenant.workspaceId, start, end),
      this.usage.totals(tenant.workspaceId, start, end),
    ]);
    const points = workspaceTrends(rows, { bucket, from: start, to: new Date(to) });
    return {
      from: start.toISOString().slice(0, 10),
      to: new Date(to).toISOString().slice(0, 10),
      bucket,
      points,
      totals: { meetings: rows.length, minutes: points.reduce((sum, p) => sum + p.totalMinutes, 0), tokens },
    };
  }

  /** LLM tokens charged to the workspace over [from, to] (default: the last 30 days), in total, per model and per day. */
  async tokenUsage(tenant: TenantContext, query: Pick<TrendsQuery, 'from' | 'to'>): Promise<TokenUsageView> {
    const { from, to } = dayRange(query, 1, 'day');
    const [start, end] = [new Date(from), new Date(to + DAY_MS)];
    const [totals, { byModel, byDay }] = await Promise.all([
      this.usage.totals(tenant.workspaceId, start, end),
      this.usage.breakdown(tenant.workspaceId, start, end),
    ]);
    return { workspaceId: tenant.workspaceId, from: start.toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10), totals, byModel, byDay };
  }
}

/** [from, to] as UTC midnights; defaults to the 30 days up to today; at most MAX_BUCKETS buckets of `bucketDays`. */
function dayRange(query: Pick<TrendsQuery, 'from' | 'to'>, bucketDays: number, unit: string): { from: number; to: number } {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const to = day(query.to, 'to', today);
  const from = day(query.from, 'from', to - 29 * DAY_MS);
  if (from > to) throw new MinaException('VALIDATION_FAILED', 'from must not be after to');
  if ((to - from) / (bucketDays * DAY_MS) > MAX_BUCKETS) throw new MinaException('VALIDATION_FAILED', `at most ${MAX_BUCKETS} ${unit}s per request`);
  return { from, to };
}
