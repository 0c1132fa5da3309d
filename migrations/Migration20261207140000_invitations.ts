import { Migration } from '@mikro-orm/migrations';

/** Workspace invitations: membership by email is offered, and made only when the invited user accepts. */
export class Migration20261207140000 extends Migration {

  override name = 'Migration20261207140000';

  override up(): void | Promise<void> {
    this.addSql(`create table "invitation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "email" varchar(320) not null, "role" text not null, "status" text not null default 'pending', "invited_by_id" uuid null, "expires_at" timestamptz not null, "responded_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "invitation" add constraint "invitation_role_check" check ("role" in ('owner', 'admin', 'member', 'viewer'));`);
    this.addSql(`alter table "invitation" add constraint "invitation_status_check" check ("status" in ('pending', 'accepted', 'declined', 'revoked'));`);
    this.addSql(`create index "invitation_email_status_index" on "invitation" ("email", "status");`);
    this.addSql(`create unique index "invitation_pending_unique" on "invitation" ("workspace_id", "email") where "status" = 'pending';`);
    this.addSql(`alter table "invitation" add constraint "invitation_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "user" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "invitation" cascade;`);
  }

}
