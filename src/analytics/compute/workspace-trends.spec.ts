import { describe, expect, it } from 'vitest';
import { workspaceTrends } from './workspace-trends.js';

const rows = [
  {
    date: '2025-03-03T09:00:00Z',
    durationMs: 30 * 60_000,
    wordsPerMinute: 140,
    engagement: 0.6,
    sentiment: 0.2,
  },
  {
    date: '2025-03-03T15:00:00Z',
    durationMs: 60 * 60_000,
    wordsPerMinute: 160,
    engagement: 0.8,
    sentiment: null,
  },
  {
    date: new Date('2025-03-05T10:00:00Z'),
    durationMs: 15 * 60_000,
    wordsPerMinute: null,
    engagement: 0.4,
    sentiment: -0.4,
  },
  {
    date: '2025-03-11T10:00:00Z',
    durationMs: 45 * 60_000,
    wordsPerMinute: 120,
    engagement: 0.5,
    sentiment: 0,
  },
];

describe('workspaceTrends', () => {
  it('buckets by day, fills empty days and averages per meeting', () => {
    const days = workspaceTrends(rows, { bucket: 'day' });
    expect(days).toHaveLength(9);
    expect(days[0]).toEqual({
      bucket: '2025-03-03',
      meetings: 2,
      totalMinutes: 90,
      avgWordsPerMinute: 150,
      avgEngagement: 0.7,
      avgSentiment: 0.2,
    });
    expect(days[1]).toMatchObject({
      bucket: '2025-03-04',
      meetings: 0,
      totalMinutes: 0,
      avgEngagement: null,
    });
    expect(days[2]).toMatchObject({
      bucket: '2025-03-05',
      meetings: 1,
      avgWordsPerMinute: null,
      avgSentiment: -0.4,
    });
  });

  it('buckets by week starting Monday', () => {
    const weeks = workspaceTrends(rows, { bucket: 'week' });
    expect(weeks.map((w) => [w.bucket, w.meetings, w.totalMinutes])).toEqual([
      ['2025-03-03', 3, 105],
      ['2025-03-10', 1, 45],
    ]);
    expect(weeks[0].avgEngagement).toBeCloseTo(0.6);
  });

  it('covers a requested range, empty buckets included', () => {
    const weeks = workspaceTrends(rows, {
      bucket: 'week',
      from: new Date('2025-02-20T00:00:00Z'),
      to: new Date('2025-03-20T00:00:00Z'),
    });
    expect(weeks.map((w) => w.bucket)).toEqual([
      '2025-02-17',
      '2025-02-24',
      '2025-03-03',
      '2025-03-10',
      '2025-03-17',
    ]);
    expect(weeks[0].meetings).toBe(0);
  });

  it('is empty with no rows and no range', () => {
    expect(workspaceTrends([], { bucket: 'day' })).toEqual([]);
  });
});
