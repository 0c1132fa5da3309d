import { describe, expect, it } from 'vitest';
import { housekeeping, isoWeekKey, planRetention, type RetentionCandidate, type RetentionPolicy } from './retention.js';

/** One backup a day at 02:00 UTC from `from` to `to` (inclusive); the id is the date. */
function everyDay(from: string, to: string): RetentionCandidate[] {
  const out: RetentionCandidate[] = [];
  for (let d = new Date(`${from}T02:00:00Z`); d <= new Date(`${to}T02:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push({ id: d.toISOString().slice(0, 10), at: d });
  }
  return out;
}

const at = (id: string, iso = `${id}T02:00:00Z`): RetentionCandidate => ({ id, at: new Date(iso) });
const GFS: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

describe('planRetention (grandfather-father-son)', () => {
  const cases: { name: string; backups: RetentionCandidate[]; policy: RetentionPolicy; keep: string[] }[] = [
    { name: 'nothing to keep or prune', backups: [], policy: GFS, keep: [] },
    { name: 'the newest backup survives a policy of zeros', backups: everyDay('2026-11-01', '2026-11-03'), policy: { daily: 0, weekly: 0, monthly: 0 }, keep: ['2026-11-03'] },
    {
      name: 'several backups a day: only the newest of the day counts',
      backups: [at('a', '2026-11-10T02:00:00Z'), at('b', '2026-11-10T09:00:00Z'), at('c', '2026-11-10T23:59:59Z'), at('d', '2026-11-09T02:00:00Z')],
      policy: { daily: 7, weekly: 0, monthly: 0 },
      keep: ['c', 'd'],
    },
    {
      // Nov 1 2026 is a Sunday: ISO weeks 44 (…Nov 1), 45 (Nov 2–8), 46 (Nov 9–15).
      name: 'ten days: the last 7 days, plus the newest of each earlier ISO week',
      backups: everyDay('2026-11-01', '2026-11-10'),
      policy: GFS,
      keep: ['2026-11-10', '2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-01'],
    },
    {
      name: 'a year of dailies: 7 days, 4 weeks, 12 month ends',
      backups: everyDay('2026-01-01', '2026-12-31'),
      policy: GFS,
      keep: [
        ...['25', '26', '27', '28', '29', '30', '31'].map((d) => `2026-12-${d}`),
        '2026-12-20', '2026-12-13',
        '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
        '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30',
      ],
    },
    {
      name: 'periods without backups do not count against N',
      backups: [at('2026-01-05'), at('2026-02-10'), at('2026-03-15')],
      policy: { daily: 1, weekly: 0, monthly: 2 },
      keep: ['2026-03-15', '2026-02-10'],
    },
    {
      name: 'weeks across a year boundary (2026-W53 runs Dec 28 – Jan 3)',
      backups: everyDay('2026-12-20', '2027-01-06'),
      policy: { daily: 0, weekly: 3, monthly: 0 },
      keep: ['2027-01-06', '2027-01-03', '2026-12-27'],
    },
  ];

  it.each(cases)('$name', ({ backups, policy, keep }) => {
    const plan = planRetention(backups, policy);
    expect([...plan.keep.keys()].sort()).toEqual([...keep].sort());
    expect([...plan.prune].sort()).toEqual(backups.map((b) => b.id).filter((id) => !keep.includes(id)).sort());
  });

  it('does not depend on the order it is given', () => {
    const backups = everyDay('2026-01-01', '2026-12-31');
    const shuffled = [...backups].sort((a, b) => (a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1));
    expect(planRetention(shuffled, GFS)).toEqual(planRetention(backups, GFS));
  });

  it('says why each backup is kept', () => {
    const plan = planRetention(everyDay('2026-11-01', '2026-11-10'), GFS);
    expect(plan.keep.get('2026-11-10')).toEqual(['last', 'daily', 'weekly', 'monthly']);
    expect(plan.keep.get('2026-11-01')).toEqual(['weekly']);
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('ISO week of %s is %s', (day, week) => {
    expect(isoWeekKey(new Date(`${day}T12:00:00Z`))).toBe(week);
  });
});

describe('housekeeping', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const limits = { staleAfterMs: 86_400_000, failedKeepMs: 7 * 86_400_000 };
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it.each([
    { status: 'running' as const, createdAt: hoursAgo(25), markFailed: true, remove: false },
    { status: 'queued' as const, createdAt: hoursAgo(25), markFailed: true, remove: false },
    { status: 'running' as const, createdAt: hoursAgo(2), markFailed: false, remove: false },
    { status: 'failed' as const, createdAt: hoursAgo(8 * 24), markFailed: false, remove: true },
    { status: 'failed' as const, createdAt: hoursAgo(2 * 24), markFailed: false, remove: false },
    { status: 'completed' as const, createdAt: hoursAgo(400 * 24), markFailed: false, remove: false },
  ])('$status from $createdAt: mark failed $markFailed, remove $remove', ({ status, createdAt, markFailed, remove }) => {
    const plan = housekeeping([{ id: 'x', status, createdAt, finishedAt: status === 'failed' ? createdAt : undefined }], now, limits);
    expect(plan.markFailed).toEqual(markFailed ? ['x'] : []);
    expect(plan.remove).toEqual(remove ? ['x'] : []);
  });
});
