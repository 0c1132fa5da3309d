import { Migration } from '@mikro-orm/migrations';

/**
 * Retention policies and legal hold (issue 17 item 5). A session whose transcript the retention
 * run deleted keeps its row with `content_deleted` (when, why, after how many days), so it can say
 * so instead of looking empty. A meeting under legal hold exempts its sessions from every
 * deletion; a session without a meeting is held on its own (`legal_hold`: reason, at, by). `recordings.retentionDays` moves to `retention.audioDays`: one setting says how long
 * audio lives.
 */
export class Migration20261209120000 extends Migration {

  override name = 'Migration20261209120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "session" add column "content_deleted" jsonb null, add column "legal_hold" jsonb null;`);
    this.addSql(`alter table "meeting" add column "legal_hold" boolean not null default false, add column "legal_hold_reason" varchar(1000) null,
      add column "legal_hold_at" timestamptz null, add column "legal_hold_by_id" uuid null;`);
    this.addSql(`alter table "meeting" add constraint "meeting_legal_hold_by_id_foreign" foreign key ("legal_hold_by_id") references "user" ("id") on update cascade on delete set null;`);
    // The run looks up holds by meeting and by a meeting's session; only held meetings are indexed.
    this.addSql(`create index "meeting_legal_hold_session_index" on "meeting" ("session_id") where "legal_hold";`);
    // The run reads each workspace's finished, not yet deleted sessions, oldest first.
    this.addSql(`create index "session_retention_index" on "session" ("workspace_id", (coalesce("ended_at", "created_at"))) where "content_deleted" is null;`);
    this.addSql(`update "workspace" set "settings" = jsonb_set("settings", '{recordings}', ("settings"->'recordings') - 'retentionDays')
        || jsonb_build_object('retention', coalesce("settings"->'retention', '{}'::jsonb) || jsonb_build_object('audioDays', "settings"->'recordings'->'retentionDays'))
      where jsonb_typeof("settings"->'recordings') = 'object' and ("settings"->'recordings'->'retentionDays') is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "workspace" set "settings" = jsonb_set("settings" - 'retention', '{recordings}', coalesce("settings"->'recordings', '{}'::jsonb) || jsonb_build_object('retentionDays', "settings"->'retention'->'audioDays'))
      where jsonb_typeof("settings"->'retention') = 'object' and ("settings"->'retention'->'audioDays') is not null;`);
    this.addSql(`drop index if exists "session_retention_index";`);
    this.addSql(`drop index if exists "meeting_legal_hold_session_index";`);
    this.addSql(`alter table "meeting" drop constraint if exists "meeting_legal_hold_by_id_foreign";`);
    this.addSql(`alter table "meeting" drop column "legal_hold_by_id", drop column "legal_hold_at", drop column "legal_hold_reason", drop column "legal_hold";`);
    this.addSql(`alter table "session" drop column "legal_hold", drop column "content_deleted";`);
  }

}
