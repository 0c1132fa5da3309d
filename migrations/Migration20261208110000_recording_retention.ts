import { Migration } from '@mikro-orm/migrations';

/**
 * A recording whose file the retention sweep deleted keeps its row, saying when and why
 * (`retention`: older than the workspace's retentionDays; `workspace_setting`: the workspace
 * keeps no audio once transcribed), so playback can say so instead of pretending it never was.
 */
export class Migration20261208110000 extends Migration {

  override name = 'Migration20261208110000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "recording" add column "deleted_at" timestamptz null, add column "deleted_reason" varchar(32) null;`);
    this.addSql(`alter table "recording" add constraint "recording_deleted_reason_check" check ("deleted_reason" in ('retention', 'workspace_setting') and "deleted_at" is not null or "deleted_reason" is null and "deleted_at" is null);`);
    // The sweep reads the oldest live recordings first.
    this.addSql(`create index "recording_live_created_at_index" on "recording" ("created_at") where "deleted_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "recording_live_created_at_index";`);
    this.addSql(`alter table "recording" drop constraint if exists "recording_deleted_reason_check";`);
    this.addSql(`alter table "recording" drop column "deleted_reason", drop column "deleted_at";`);
  }

}
