import type { Compression } from './backup-format.js';
import type * as Views from '@mina/contract/views';

export type BackupKind = Views.BackupKind;
export type BackupStatus = Views.BackupStatus;
export type BackupTrigger = 'scheduled' | 'manual' | 'cli';

/** Who asked, for the audit log. */
export interface Actor {
  actorId?: string;
  ip?: string;
}

export interface BackupVerification {
  ok: boolean;
  problems: string[];
}

/**
 * `<id>.manifest.json` beside `<id>.backup` in MINA_BACKUP_DIR: the record of a backup. The
 * directory, not the database, is the source of truth, so a backup stays usable when the
 * database it describes is gone, and a restore never brings back stale backup records.
 */
export interface BackupManifest {
  format: 'mina-backup';
  formatVersion: 1;
  id: string;
  kind: BackupKind;
  status: BackupStatus;
  trigger: BackupTrigger;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** File name of the encrypted dump, relative to the manifest. */
  file: string;
  sizeBytes?: number;
  /** sha256 of the encrypted file, hex. */
  sha256?: string;
  encryption: { algorithm: 'aes-256-gcm'; keyFingerprint: string };
  compression: Compression;
  /** PostgreSQL: pg_dump custom format; PGlite: a tarball of its data directory. */
  content?: 'pg_dump-custom' | 'pglite-datadir-tar';
  /** Name of the latest applied migration. */
  schemaVersion?: string | null;
  migrations?: string[];
  /** Rows per table (`schema.table`) in the snapshot the dump was taken from. */
  tables?: Record<string, number>;
  serverVersion?: string;
  error?: string;
  verifiedAt?: string;
  verification?: BackupVerification;
}

export type BackupListItem = Views.BackupListItem;

export const toListItem = (m: BackupManifest): BackupListItem => ({
  id: m.id,
  createdAt: m.createdAt,
  finishedAt: m.finishedAt ?? null,
  sizeBytes: m.sizeBytes ?? null,
  sha256: m.sha256 ?? null,
  status: m.status,
  verifiedAt: m.verifiedAt ?? null,
  kind: m.kind,
});
