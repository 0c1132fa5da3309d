import { Migration } from '@mikro-orm/migrations';

/**
 * Signed webhooks: endpoints (secret encrypted at rest), the event outbox (its id is the
 * `webhook-id`) and the delivery log.
 */
export class Migration20261209110000 extends Migration {

  override name = 'Migration20261209110000';

  override up(): void | Promise<void> {
    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "url" text not null, "description" varchar(500) null, "events" jsonb not null, "enabled" boolean not null, "secret_cipher" text not null, "consecutive_failures" int not null, "disabled_at" timestamptz null, "disabled_reason" varchar(500) null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_workspace_id_created_at_index" on "webhook_endpoint" ("workspace_id", "created_at");`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on delete set null;`);

    this.addSql(`create table "webhook_event" ("id" uuid not null, "workspace_id" uuid not null, "type" varchar(64) not null, "key" varchar(300) not null, "data" jsonb not null, "created_at" timestamptz not null, "enqueued_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "webhook_event" add constraint "webhook_event_workspace_id_key_unique" unique ("workspace_id", "key");`);
    this.addSql(`create index "webhook_event_unqueued_idx" on "webhook_event" ("created_at") where "enqueued_at" is null;`);
    this.addSql(`alter table "webhook_event" add constraint "webhook_event_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "attempt" int not null, "replay" boolean not null, "requested_at" timestamptz not null, "status" int null, "latency_ms" int not null, "error" varchar(1000) null, "success" boolean not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_endpoint_id_requested_at_index" on "webhook_delivery" ("endpoint_id", "requested_at");`);
    this.addSql(`create index "webhook_delivery_event_id_index" on "webhook_delivery" ("event_id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "webhook_event" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_event" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
  }

}
