import { MikroORM } from '@mikro-orm/core';
import { Command, CommandRunner, Option } from 'nest-commander';
import { BackupReader } from '#src/backups/backup.reader.js';
import { BackupRestorer } from '#src/backups/backup.restorer.js';
import { BackupVerifier } from '#src/backups/backup.verifier.js';
import { BackupsService } from '#src/backups/backups.service.js';
import { withContext } from '#src/database/with-context.js';

interface BackupOptions {
  id?: string;
  target?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes = 0) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function required(options: BackupOptions, ...keys: (keyof BackupOptions)[]): void {
  const missing = keys.filter((k) => !options[k]);
  if (missing.length) throw new Error(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
}

abstract class IdOption extends CommandRunner {
  @Option({ flags: '--id <id>', description: 'backup id, or "latest" for the newest completed backup' })
  parseId(value: string): string {
    return value;
  }
}

@Command({ name: 'backup', description: 'Take an encrypted backup now into MINA_BACKUP_DIR, then apply retention' })
export class BackupCommand extends CommandRunner {
  constructor(
    private readonly orm: MikroORM,
    private readonly backups: BackupsService,
  ) {
    super();
  }

  async run(): Promise<void> {
    const m = await withContext(this.orm, () => this.backups.run({ trigger: 'cli' }));
    say(`Backup ${m.id} (${m.kind}) completed: ${mb(m.sizeBytes)} in ${((m.durationMs ?? 0) / 1000).toFixed(1)} s, schema ${m.schemaVersion ?? 'none'}, sha256 ${m.sha256}.`);
  }
}

@Command({ name: 'verify', description: 'Verify a backup without restoring it: checksum, decryption, every data block, row counts, migrations' })
export class VerifyBackupCommand extends IdOption {
  constructor(
    private readonly orm: MikroORM,
    private readonly reader: BackupReader,
    private readonly verifier: BackupVerifier,
  ) {
    super();
  }

  async run(_: string[], options: BackupOptions): Promise<void> {
    required(options, 'id');
    const id = await this.reader.resolveId(options.id!);
    const result = await withContext(this.orm, () => this.verifier.verify(id));
    if (!result.ok) throw new Error(`Backup ${id} failed verification:\n  - ${result.problems.join('\n  - ')}`);
    say(`Backup ${id} verified in ${(result.durationMs / 1000).toFixed(1)} s: checksum, decryption, contents, row counts and migrations match its manifest.`);
  }
}

/** Runs in BackupToolsModule: it never connects to DATABASE_URL (see src/backups/backup-tools.module.ts). */
@Command({ name: 'restore', description: 'Restore a backup into an EMPTY database (postgres:// URL) or a new PGlite directory, and verify it' })
export class RestoreCommand extends IdOption {
  constructor(private readonly restorer: BackupRestorer) {
    super();
  }

  @Option({ flags: '--target <target>', description: 'postgres://… of an empty database, or a directory for PGlite' })
  parseTarget(value: string): string {
    return value;
  }

  async run(_: string[], options: BackupOptions): Promise<void> {
    required(options, 'id', 'target');
    const r = await this.restorer.restore(options.id!, options.target!);
    say(
      `Restored backup ${r.id} into ${r.target} in ${(r.durationMs / 1000).toFixed(1)} s: ${Object.keys(r.tables).length} tables, ${r.rows} rows, schema ${r.schemaVersion ?? 'none'}; row counts and migrations match the manifest.`,
    );
  }
}
