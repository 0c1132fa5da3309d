import { Migration } from '@mikro-orm/migrations';

/**
 * Summary templates: a workspace's own templates (the built-ins are in code), the template a
 * meeting chose, and the template and sections a summary was written with.
 */
export class Migration20261210500001 extends Migration {
  override name = 'Migration20261210500001';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "summary_template" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "name" varchar(100) not null, "description" varchar(500) null, "sections" jsonb not null, "created_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `create index "summary_template_workspace_id_created_at_index" on "summary_template" ("workspace_id", "created_at");`,
    );
    this.addSql(
      `alter table "summary_template" add constraint "summary_template_workspace_id_name_unique" unique ("workspace_id", "name");`,
    );
    this.addSql(
      `alter table "summary_template" add constraint "summary_template_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "summary_template" add constraint "summary_template_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "meeting" add column "template_id" varchar(64) null;`);
    this.addSql(
      `alter table "summary" add column "template" jsonb null, add column "sections" jsonb not null default '[]';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "summary" drop column if exists "sections", drop column if exists "template";`);
    this.addSql(`alter table "meeting" drop column if exists "template_id";`);
    this.addSql(`drop table if exists "summary_template" cascade;`);
  }
}
