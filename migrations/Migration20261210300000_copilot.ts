import { Migration } from '@mikro-orm/migrations';

/** The live copilot: provisional items found while a session records, and its reading cursor per session. */
export class Migration20261210300000 extends Migration {
  override name = 'Migration20261210300000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "copilot_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "workspace_id" uuid not null, "kind" text check ("kind" in ('action_item', 'decision', 'question', 'risk')) not null, "text" text not null, "owner" varchar(200) null, "due" date null, "start_ms" int not null, "state" text check ("state" in ('open', 'pinned', 'dismissed')) not null default 'open', "source" varchar(100) not null, "outcome" text check ("outcome" in ('matched', 'added', 'superseded')) null, "task_id" uuid null, "marker_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "copilot_item_session_id_start_ms_index" on "copilot_item" ("session_id", "start_ms");`,
    );
    this.addSql(`create index "copilot_item_workspace_id_index" on "copilot_item" ("workspace_id");`);
    this.addSql(
      `alter table "copilot_item" add constraint "copilot_item_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "copilot_item" add constraint "copilot_item_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "copilot_item" add constraint "copilot_item_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "copilot_item" add constraint "copilot_item_marker_id_foreign" foreign key ("marker_id") references "marker" ("id") on delete set null;`,
    );

    this.addSql(
      `create table "copilot_cursor" ("session_id" uuid not null, "last_seq" int not null default -1, "scanned_at" timestamptz null, "closed_at" timestamptz null, primary key ("session_id"));`,
    );
    this.addSql(
      `alter table "copilot_cursor" add constraint "copilot_cursor_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "copilot_cursor" cascade;`);
    this.addSql(`drop table if exists "copilot_item" cascade;`);
  }
}
