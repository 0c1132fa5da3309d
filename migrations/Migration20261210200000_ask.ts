import { Migration } from '@mikro-orm/migrations';

/** Ask Mina: each user's conversations (per workspace) and their turns with the citations given. */
export class Migration20261210200000 extends Migration {

  override name = 'Migration20261210200000';

  override up(): void | Promise<void> {
    this.addSql(`create table "ask_conversation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "workspace_id" uuid not null, "title" varchar(200) not null, primary key ("id"));`);
    this.addSql(`create index "ask_conversation_user_id_workspace_id_updated_at_index" on "ask_conversation" ("user_id", "workspace_id", "updated_at");`);
    this.addSql(`create index "ask_conversation_workspace_id_index" on "ask_conversation" ("workspace_id");`);
    this.addSql(`alter table "ask_conversation" add constraint "ask_conversation_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "ask_conversation" add constraint "ask_conversation_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);

    this.addSql(`create table "ask_turn" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "conversation_id" uuid not null, "question" text not null, "answer" text not null, "citations" jsonb not null, "found" boolean not null, "provider" varchar(100) null, "fallback_used" boolean not null, primary key ("id"));`);
    this.addSql(`create index "ask_turn_conversation_id_created_at_index" on "ask_turn" ("conversation_id", "created_at");`);
    this.addSql(`alter table "ask_turn" add constraint "ask_turn_conversation_id_foreign" foreign key ("conversation_id") references "ask_conversation" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ask_turn" cascade;`);
    this.addSql(`drop table if exists "ask_conversation" cascade;`);
  }

}
