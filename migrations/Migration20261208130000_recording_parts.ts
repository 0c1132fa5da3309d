import { Migration } from '@mikro-orm/migrations';

/**
 * A live session's audio is archived in parts while it is transcribed (`recording_part`: which
 * 16 kHz samples each part file holds); once the session is finalized they are assembled into its
 * one `recording` and deleted.
 */
export class Migration20261208130000 extends Migration {

  override name = 'Migration20261208130000';

  override up(): void | Promise<void> {
    this.addSql(`create table "recording_part" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "start_sample" bigint not null, "sample_count" int not null, "key" text not null, primary key ("id"));`);
    this.addSql(`alter table "recording_part" add constraint "recording_part_key_unique" unique ("key");`);
    this.addSql(`create index "recording_part_session_id_start_sample_index" on "recording_part" ("session_id", "start_sample");`);
    this.addSql(`alter table "recording_part" add constraint "recording_part_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recording_part" cascade;`);
  }

}
