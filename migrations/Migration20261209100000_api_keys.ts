import { Migration } from '@mikro-orm/migrations';

/**
 * Personal API keys: only each key's SHA-256 is kept, found through the unique public lookup part;
 * the addresses each key was used from, so a first use from a new one is audited.
 */
export class Migration20261209100000 extends Migration {

  override name = 'Migration20261209100000';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "workspace_id" uuid not null, "name" varchar(100) not null, "lookup" varchar(12) not null, "hash" varchar(64) not null, "last_chars" varchar(4) not null, "scopes" jsonb not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "last_used_ip" varchar(64) null, primary key ("id"));`);
    this.addSql(`create unique index "api_key_lookup_unique" on "api_key" ("lookup");`);
    this.addSql(`create index "api_key_user_id_created_at_index" on "api_key" ("user_id", "created_at");`);
    this.addSql(`create index "api_key_workspace_id_index" on "api_key" ("workspace_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`create table "api_key_address" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "key_id" uuid not null, "ip" varchar(64) not null, primary key ("id"));`);
    this.addSql(`create unique index "api_key_address_key_id_ip_unique" on "api_key_address" ("key_id", "ip");`);
    this.addSql(`alter table "api_key_address" add constraint "api_key_address_key_id_foreign" foreign key ("key_id") references "api_key" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_key_address" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
  }

}
