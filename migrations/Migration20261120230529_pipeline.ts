import { Migration } from '@mikro-orm/migrations';

export class Migration20261120230529 extends Migration {

  override name = 'Migration20261120230529';

  override up(): void | Promise<void> {
    this.addSql(`create table "dead_letter" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "queue" varchar(100) not null, "job_name" varchar(100) not null, "job_id" varchar(200) not null, "session_id" uuid null, "workspace_id" uuid null, "error" text not null, "stack" text null, "attempts" int not null, "data" jsonb not null, "failed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "dead_letter_queue_index" on "dead_letter" ("queue");`);
    this.addSql(`create index "dead_letter_session_id_index" on "dead_letter" ("session_id");`);
    this.addSql(`create index "dead_letter_failed_at_idx" on "dead_letter" ("failed_at" desc);`);

    this.addSql(`create table "token_usage" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "session_id" uuid null, "purpose" varchar(50) not null, "model" varchar(100) not null, "prompt_tokens" int not null, "completion_tokens" int not null, "total_tokens" int not null, primary key ("id"));`);
    this.addSql(`create index "token_usage_workspace_created_idx" on "token_usage" ("workspace_id", "created_at" desc);`);

    this.addSql(`create table "pipeline_stage" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "stage" text not null, "status" text not null default 'pending', "error" text null, "attempts" int not null default 0, "fallback_used" boolean not null default false, "model" varchar(100) null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_session_id_stage_unique" unique ("session_id", "stage");`);

    this.addSql(`alter table "summary" add "tsv" tsvector generated always as (to_tsvector('english', "overview" || ' ' || jsonb_path_query_array("key_points" || "decisions" || "risks" || "questions", '\$[*].text')::text)) stored null;`);
    this.addSql(`create index "summary_tsv_idx" on "summary" using gin ("tsv");`);

    this.addSql(`create index "task_search_idx" on "task" using gin (to_tsvector('english', "title" || ' ' || coalesce("description", '')));`);

    this.addSql(`alter table "token_usage" add constraint "token_usage_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);

    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_stage_check" check ("stage" in ('refinement', 'analytics', 'tasks', 'summary'));`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_status_check" check ("status" in ('pending', 'running', 'ready', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dead_letter" cascade;`);
    this.addSql(`drop table if exists "token_usage" cascade;`);
    this.addSql(`drop table if exists "pipeline_stage" cascade;`);

    this.addSql(`drop index "summary_tsv_idx";`);
    this.addSql(`alter table "summary" drop column "tsv";`);

    this.addSql(`drop index "task_search_idx";`);
  }

}
