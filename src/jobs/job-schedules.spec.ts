import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, type MinaConfig } from '#src/config/config.js';
import { schedules } from './job-schedules.js';
import { JOBS } from './jobs.js';

const KEY = randomBytes(32).toString('base64');
const config = (env: Record<string, string>, tuned: object = {}): MinaConfig => ({ ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), ...env }), ...tuned });

describe('schedules: every scheduled job and its schedule, from config', () => {
  const cases: { name: string; config: MinaConfig; expected: Record<string, unknown>; off?: string }[] = [
    {
      name: 'defaults with a backup key',
      config: config({ MINA_BACKUP_KEY: KEY }),
      expected: { 'sweep-abandoned': { every: 60_000 }, 'expire-uploads': { every: 15 * 60_000 }, 'sweep-recordings': { every: 60 * 60_000 }, 'apply-retention': { every: 24 * 3_600_000 }, 'sweep-webhooks': { every: 60_000 }, 'backup-scheduled': { pattern: '0 2 * * *', tz: 'UTC' } },
    },
    {
      name: 'no backup key: the backup scheduler is removed, and the log says why',
      config: config({ MINA_UPLOAD_EXPIRE_HOURS: '1', MINA_RETENTION_SWEEP_MINUTES: '5', MINA_RETENTION_RUN_HOURS: '6' }),
      expected: { 'sweep-abandoned': { every: 60_000 }, 'expire-uploads': { every: 15 * 60_000 }, 'sweep-recordings': { every: 5 * 60_000 }, 'apply-retention': { every: 6 * 3_600_000 }, 'sweep-webhooks': { every: 60_000 }, 'backup-scheduled': null },
      off: 'Scheduled backups are off: MINA_BACKUP_KEY is not set',
    },
    {
      name: 'no backup schedule: removed without a warning; a tuned sweep',
      config: config({ MINA_BACKUP_KEY: KEY }, { backups: { schedule: null }, pipeline: { sweepEveryMs: 300 } }),
      expected: { 'sweep-abandoned': { every: 300 }, 'expire-uploads': { every: 15 * 60_000 }, 'sweep-recordings': { every: 60 * 60_000 }, 'apply-retention': { every: 24 * 3_600_000 }, 'sweep-webhooks': { every: 60_000 }, 'backup-scheduled': null },
    },
    {
      name: 'a cron in another time zone',
      config: config({ MINA_BACKUP_KEY: KEY }, { backups: { schedule: '30 3 * * 0', timezone: 'Europe/Paris' } }),
      expected: { 'sweep-abandoned': { every: 60_000 }, 'expire-uploads': { every: 15 * 60_000 }, 'sweep-recordings': { every: 60 * 60_000 }, 'apply-retention': { every: 24 * 3_600_000 }, 'sweep-webhooks': { every: 60_000 }, 'backup-scheduled': { pattern: '30 3 * * 0', tz: 'Europe/Paris' } },
    },
  ];
  it.each(cases)('$name', ({ config, expected, off }) => {
    const all = schedules(config);
    expect(Object.fromEntries(all.map((s) => [s.id, s.repeat]))).toEqual(expected);
    expect(all.find((s) => s.off)?.off).toBe(off);
  });

  it('schedules only jobs of the registry, each on its own queue, backups with the registry options', () => {
    const all = schedules(config({ MINA_BACKUP_KEY: KEY }));
    expect(all.map((s) => [s.name, JOBS[s.name].queue])).toEqual([
      ['sweep-abandoned', 'maintenance'],
      ['expire-uploads', 'maintenance'],
      ['sweep-recordings', 'retention'],
      ['apply-retention', 'retention'],
      ['sweep-webhooks', 'maintenance'],
      ['backup', 'backups'],
    ]);
    expect(all.find((s) => s.name === 'backup')).toMatchObject({ data: { trigger: 'scheduled' }, opts: { attempts: 1, removeOnFail: { age: 30 * 86_400 } } });
  });
});
