import { cpus, tmpdir } from 'node:os';
import { type MinaConfig } from '#src/config/config.js';
import { type RetentionPolicy } from './retention.js';

/** Schedule, retention and tooling for backups. Defaults here; config may override any of them (`backups`). */
export interface BackupSettings {
  /** Cron pattern of the scheduled backup, or null for none (manual and CLI runs only). */
  schedule: string | null;
  /** Time zone the cron pattern is read in. */
  timezone: string;
  retention: RetentionPolicy;
  pgDump: string;
  pgRestore: string;
  /** Parallel jobs of pg_restore: data loads and index builds run side by side. */
  restoreJobs: number;
  /** zstd level of the compressed stream (1 fast … 19 small). */
  compressionLevel: number;
  /** Where restore and verify put the decrypted dump for a moment (a private directory, removed afterwards). */
  workDir: string;
  /** A backup still queued or running after this long died with its process; retention marks it failed. */
  staleAfterMs: number;
  /** Failed backups stay listed this long (for the console and alerts), then retention removes them. */
  failedKeepMs: number;
}

const DAY_MS = 86_400_000;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  schedule: '0 2 * * *',
  timezone: 'UTC',
  retention: { daily: 7, weekly: 4, monthly: 12 },
  pgDump: 'pg_dump',
  pgRestore: 'pg_restore',
  restoreJobs: Math.max(1, Math.min(4, cpus().length)),
  compressionLevel: 3,
  workDir: tmpdir(),
  staleAfterMs: DAY_MS,
  failedKeepMs: 7 * DAY_MS,
};

export type BackupTunedConfig = MinaConfig & { backups?: Partial<BackupSettings> };

export function backupSettings(config: MinaConfig): BackupSettings {
  const tuned = (config as BackupTunedConfig).backups ?? {};
  return { ...DEFAULT_BACKUP_SETTINGS, ...tuned, retention: { ...DEFAULT_BACKUP_SETTINGS.retention, ...tuned.retention } };
}
