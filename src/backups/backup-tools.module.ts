import { Module, type DynamicModule } from '@nestjs/common';
import { RestoreCommand } from '#src/cli/backup.commands.js';
import { ConfigModule } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { BackupReader } from './backup.reader.js';
import { BackupRestorer } from './backup.restorer.js';
import { BackupStore } from './backup.store.js';

/**
 * What `mina restore` boots: config and the backup directory, and no connection to DATABASE_URL.
 * In a disaster that database is unreachable, or it is the empty target the CLI module's
 * start-up migrations would otherwise fill before the restore could begin.
 */
@Module({})
export class BackupToolsModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: BackupToolsModule,
      imports: [ConfigModule.forRoot(config)],
      providers: [BackupStore, BackupReader, BackupRestorer, RestoreCommand],
    };
  }
}
