export type TrendBucket = 'day' | 'week';

/** One analysed session, as the analytics table and its session give it. */
export interface SessionAnalyticsRow {
  /** When the session took place (its start). */
  date: Date | string;
  durationMs: number;
  wordsPerMinute?: number | null;
  engagement?: number | null;
  sentiment?: number | null;
}

export interface TrendPoint {
  /** First day of the bucket, yyyy-mm-dd (weeks start on Monday, UTC). */
  bucket: string;
  meetings: number;
  totalMinutes: number;
  avgWordsPerMinute: number | null;
  avgEngagement: number | null;
  avgSentiment: number | null;
}

export interface TrendOptions {
  bucket: TrendBucket;
  /** Range to cover; buckets without meetings inside it appear with zeros so charts keep their axis. */
  from?: Date;
  to?: Date;
}

const DAY_MS = 86_400_000;

function bucketStart(ms: number, bucket: TrendBucket): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (bucket === 'day') return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY_MS;
}

function mean(values: ReadonlyArray<number | null | undefined>): number | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/**
 * Workspace series by day or ISO week: meeting count, minutes, and per-meeting averages of speaking
 * rate, engagement and sentiment (meetings without a value are left out of that average).
 */
export function workspaceTrends(rows: readonly SessionAnalyticsRow[], options: TrendOptions): TrendPoint[] {
  const step = options.bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const groups = new Map<number, SessionAnalyticsRow[]>();
  for (const row of rows) {
    const ms = new Date(row.date).getTime();
    if (Number.isNaN(ms)) continue;
    const key = bucketStart(ms, options.bucket);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const keys = [...groups.keys()];
  const first = options.from ? bucketStart(options.from.getTime(), options.bucket) : Math.min(...keys);
  const last = options.to ? bucketStart(options.to.getTime(), options.bucket) : Math.max(...keys);
  if (!Number.isFinite(first) || !Number.isFinite(last)) return [];

  const points: TrendPoint[] = [];
  for (let key = first; key <= last; key += step) {
    const group = groups.get(key) ?? [];
    points.push({
      bucket: new Date(key).toISOString().slice(0, 10),
      meetings: group.length,
      totalMinutes: group.reduce((sum, r) => sum + Math.max(0, r.durationMs), 0) / 60_000,
      avgWordsPerMinute: mean(group.map((r) => r.wordsPerMinute)),
      avgEngagement: mean(group.map((r) => r.engagement)),
      avgSentiment: mean(group.map((r) => r.sentiment)),
    });
  }
  return points;
}
