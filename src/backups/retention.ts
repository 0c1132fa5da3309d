/**
 * Grandfather-father-son retention, in the semantics restic and borg use: for each rule, walk the
 * backups newest first and keep the newest backup of each of the last N periods (UTC days, ISO
 * weeks, months) that have one. A backup kept by any rule stays; the newest one always stays.
 */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetentionCandidate {
  id: string;
  /** When the backup finished: the moment its data describes. */
  at: Date;
}

export type KeepReason = 'last' | keyof RetentionPolicy;

export interface RetentionPlan {
  keep: Map<string, KeepReason[]>;
  prune: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export const dayKey = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export const monthKey = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), e.g. `2026-W53`. */
export function isoWeekKey(d: Date): string {
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${pad(week)}`;
}

const RULES: [keyof RetentionPolicy, (d: Date) => string][] = [
  ['daily', dayKey],
  ['weekly', isoWeekKey],
  ['monthly', monthKey],
];

export function planRetention(backups: readonly RetentionCandidate[], policy: RetentionPolicy): RetentionPlan {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
  const keep = new Map<string, KeepReason[]>();
  const mark = (id: string, reason: KeepReason) => keep.set(id, [...(keep.get(id) ?? []), reason]);
  if (newestFirst.length > 0) mark(newestFirst[0].id, 'last');
  for (const [rule, period] of RULES) {
    let left = Math.max(0, Math.floor(policy[rule]));
    let previous: string | undefined;
    for (const backup of newestFirst) {
      if (left === 0) break;
      const key = period(backup.at);
      if (key === previous) continue;
      previous = key;
      left -= 1;
      mark(backup.id, rule);
    }
  }
  return { keep, prune: newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id) };
}

export interface HousekeepingEntry {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  createdAt: Date;
  finishedAt?: Date;
}

/**
 * Backups outside the GFS rules: a queued or running one older than `staleAfterMs` lost its
 * process (mark it failed); a failed one is removed once older than `failedKeepMs`.
 */
export function housekeeping(
  entries: readonly HousekeepingEntry[],
  now: Date,
  limits: { staleAfterMs: number; failedKeepMs: number },
): { markFailed: string[]; remove: string[] } {
  const age = (d: Date) => now.getTime() - d.getTime();
  return {
    markFailed: entries.filter((e) => (e.status === 'queued' || e.status === 'running') && age(e.createdAt) > limits.staleAfterMs).map((e) => e.id),
    remove: entries.filter((e) => e.status === 'failed' && age(e.finishedAt ?? e.createdAt) > limits.failedKeepMs).map((e) => e.id),
  };
}
