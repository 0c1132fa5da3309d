import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { BackupToolsModule } from './backups/backup-tools.module.js';
import { CliModule } from './cli/cli.module.js';
import { ConfigError, loadConfig } from './config/config.js';

// Ops commands: `npm run cli -- create-admin -e a@b.c -p secret`, reset-password, migrate, seed-demo,
// backup, verify --id <id|latest>, restore --id <id|latest> --target <postgres URL|dir>.
try {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  // restore must not connect to DATABASE_URL: it may be the lost database, or the empty target
  // that the CLI module's start-up migrations would otherwise fill.
  const root = process.argv[2] === 'restore' ? BackupToolsModule.forRoot(config) : CliModule.forRoot(config);
  await CommandFactory.run(root, {
    logger: ['error', 'warn'],
    // A module that cannot start is an error message and exit code, not a core dump.
    abortOnError: false,
    errorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  });
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
