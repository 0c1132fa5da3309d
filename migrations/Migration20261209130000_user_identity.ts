import { Migration } from '@mikro-orm/migrations';

/** Single sign-on: the OpenID identities (issuer, subject) bound to accounts. */
export class Migration20261209130000 extends Migration {

  override name = 'Migration20261209130000';

  override up(): void | Promise<void> {
    this.addSql(`create table "user_identity" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "issuer" varchar(500) not null, "subject" varchar(255) not null, "email" varchar(320) not null, "last_login_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "user_identity_user_id_index" on "user_identity" ("user_id");`);
    this.addSql(`alter table "user_identity" add constraint "user_identity_issuer_subject_unique" unique ("issuer", "subject");`);
    this.addSql(`alter table "user_identity" add constraint "user_identity_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "user_identity" cascade;`);
  }

}
