import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '#src/audit/audit.module.js';
import { AuthCacheModule } from '#src/auth/auth-cache.module.js';
import { BackupsCoreModule } from '#src/backups/backups-core.module.js';
import { ConfigModule } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { DatabaseModule } from '#src/database/database.module.js';
import { UsersModule } from '#src/users/users.module.js';
import { WorkspacesModule } from '#src/workspaces/workspaces.module.js';
import { BackupCommand, VerifyBackupCommand } from './backup.commands.js';
import { AdminCommand, MigrateCommand, ResetPasswordCommand, SeedDemoCommand } from './commands.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({})
export class CliModule {
  static forRoot(config: MinaConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), AuditModule, AuthCacheModule, BackupsCoreModule, UsersModule, WorkspacesModule],
      providers: [AdminCommand, ResetPasswordCommand, MigrateCommand, SeedDemoCommand, DemoSeeder, BackupCommand, VerifyBackupCommand],
    };
  }
}
