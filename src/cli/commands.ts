import { MikroORM } from '@mikro-orm/core';
import { Command, CommandRunner, Option } from 'nest-commander';
import { withContext } from '#src/database/with-context.js';
import { MigrationRunner } from '#src/database/migration-runner.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { UsersService } from '#src/users/users.service.js';
import { WorkspacesService } from '#src/workspaces/workspaces.service.js';
import { DemoSeeder } from './demo-seeder.js';

interface Credentials {
  email?: string;
  password?: string;
  name?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function required(options: Credentials, ...keys: (keyof Credentials)[]): void {
  const missing = keys.filter((k) => !options[k]);
  if (missing.length) throw new Error(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  if (options.password !== undefined && options.password.length < 8) throw new Error('--password must be at least 8 characters');
}

abstract class CredentialOptions extends CommandRunner {
  @Option({ flags: '-e, --email <email>', description: 'account email' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '-p, --password <password>', description: 'password (at least 8 characters)' })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '-n, --name <name>', description: 'display name' })
  parseName(value: string): string {
    return value;
  }
}

@Command({ name: 'create-admin', description: 'Create an instance admin (or promote an existing account)' })
export class AdminCommand extends CredentialOptions {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
    private readonly workspaces: WorkspacesService,
  ) {
    super();
  }

  async run(_: string[], options: Credentials): Promise<void> {
    required(options, 'email', 'password');
    await withContext(this.orm, async () => {
      const existing = await this.repo.findByEmail(options.email!);
      if (existing) {
        existing.isInstanceAdmin = true;
        existing.isActive = true;
        await this.repo.flush();
        await this.users.resetPassword(undefined, existing.id, options.password!);
        say(`Promoted ${existing.email} to instance admin and set the new password.`);
        return;
      }
      const user = await this.users.create({ email: options.email!, password: options.password!, name: options.name ?? 'Administrator', isInstanceAdmin: true });
      await this.workspaces.create(user, { name: `${user.name}'s workspace` });
      say(`Created instance admin ${user.email}.`);
    });
  }
}

@Command({ name: 'reset-password', description: "Set a user's password and sign them out everywhere" })
export class ResetPasswordCommand extends CredentialOptions {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UsersService,
    private readonly repo: UsersRepository,
  ) {
    super();
  }

  async run(_: string[], options: Credentials): Promise<void> {
    required(options, 'email', 'password');
    await withContext(this.orm, async () => {
      const user = await this.repo.findByEmail(options.email!);
      if (!user) throw new Error(`no account with email ${options.email}`);
      await this.users.resetPassword(undefined, user.id, options.password!);
      say(`Password reset for ${user.email}; existing tokens no longer work.`);
    });
  }
}

@Command({ name: 'migrate', description: 'Apply pending database migrations' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly migrations: MigrationRunner) {
    super();
  }

  async run(): Promise<void> {
    // The module applied them while booting; this reports where the schema stands.
    const pending = await this.migrations.pending();
    say(pending.length === 0 ? 'Schema is up to date.' : `Still pending: ${pending.join(', ')}`);
  }
}

@Command({ name: 'seed-demo', description: 'Create a demo workspace with people, meetings, a transcribed session and tasks' })
export class SeedDemoCommand extends CredentialOptions {
  constructor(
    private readonly orm: MikroORM,
    private readonly seeder: DemoSeeder,
  ) {
    super();
  }

  async run(_: string[], options: Credentials): Promise<void> {
    const result = await withContext(this.orm, () =>
      this.seeder.seed({ email: options.email ?? 'demo@mina.local', password: options.password ?? 'demo-password' }),
    );
    say(`Demo workspace "${result.workspaceName}" (${result.workspaceId}) ready: sign in as ${result.email} / ${result.password}.`);
  }
}
