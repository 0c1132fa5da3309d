import { Migration } from '@mikro-orm/migrations';

/**
 * Translation (issue 16 item 4): a session's transcript and summary translated on request, one
 * row per session and language, cached until the source changes; and the language each summary
 * was written in at its workspace's request (settings.summaryLanguage).
 */
export class Migration20261210400000 extends Migration {

  override name = 'Migration20261210400000';

  override up(): void | Promise<void> {
    this.addSql(`create table "translation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null,
      "workspace_id" uuid not null, "session_id" uuid not null, "language" varchar(16) not null, "status" text not null default 'pending',
      "source_hash" varchar(64) not null, "content_hash" varchar(64) null, "segments" jsonb null, "summary" jsonb null, "model" varchar(100) null, "error" text null, primary key ("id"));`);
    this.addSql(`alter table "translation" add constraint "translation_session_id_language_unique" unique ("session_id", "language");`);
    this.addSql(`alter table "translation" add constraint "translation_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "translation" add constraint "translation_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "summary" add column "language" varchar(16) null, add column "requested_language" varchar(16) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "summary" drop column "requested_language", drop column "language";`);
    this.addSql(`drop table if exists "translation" cascade;`);
  }

}
