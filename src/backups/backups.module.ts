import { Module, type DynamicModule } from '@nestjs/common';
import { type MinaConfig } from '#src/config/config.js';
import { BackupJobs } from './backup.jobs.js';
import { BackupMetrics } from './backup.metrics.js';
import { BackupsCoreModule } from './backups-core.module.js';
import { BackupsController } from './backups.controller.js';

/**
 * Encrypted backups in the app: the admin endpoints (`api`, `all`), the scheduled job and its
 * worker (`worker`, `all`), and the backup metrics (every role).
 */
@Module({})
export class BackupsModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: BackupsModule,
      imports: [BackupsCoreModule],
      providers: [BackupJobs, BackupMetrics],
      controllers: config.role !== 'worker' ? [BackupsController] : [],
    };
  }
}
