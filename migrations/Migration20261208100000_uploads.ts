import { Migration } from '@mikro-orm/migrations';

/**
 * Resumable (tus) uploads: one row per upload, keyed by its tus id, tied to the session it made
 * (or, for a duplicate, the session that already had the content). A client's idempotency key is
 * unique within a workspace.
 */
export class Migration20261208100000 extends Migration {

  override name = 'Migration20261208100000';

  override up(): void | Promise<void> {
    this.addSql(`create table "upload" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "user_id" uuid not null, "session_id" uuid not null, "client_id" varchar(200) null, "filename" varchar(255) not null, "content_type" varchar(128) null, "size_bytes" bigint not null, "received_bytes" bigint not null default 0, "sha256" varchar(64) null, "state" text check ("state" in ('uploading', 'received', 'ingesting', 'stored', 'duplicate', 'failed')) not null default 'uploading', "error_code" varchar(64) null, "error_message" text null, primary key ("id"));`);
    this.addSql(`create unique index "upload_workspace_client_id_unique" on "upload" ("workspace_id", "client_id") where "client_id" is not null;`);
    this.addSql(`create index "upload_workspace_sha256_idx" on "upload" ("workspace_id", "sha256");`);
    this.addSql(`create index "upload_state_updated_idx" on "upload" ("state", "updated_at");`);
    this.addSql(`create index "upload_user_id_index" on "upload" ("user_id");`);
    this.addSql(`create index "upload_session_id_index" on "upload" ("session_id");`);
    this.addSql(`create index "recording_workspace_sha256_idx" on "recording" ("workspace_id", "sha256");`);
    this.addSql(`alter table "upload" add constraint "upload_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "upload" add constraint "upload_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "upload" add constraint "upload_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "recording_workspace_sha256_idx";`);
    this.addSql(`drop table if exists "upload" cascade;`);
  }

}
