import { Migration } from '@mikro-orm/migrations';

export class Migration20261120225155 extends Migration {

  override name = 'Migration20261120225155';

  override up(): void | Promise<void> {
    this.addSql(`create table "user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(255) not null, "is_active" boolean not null default true, "is_instance_admin" boolean not null default false, "last_login_at" timestamptz null, "token_version" int not null default 0, primary key ("id"));`);
    this.addSql(`create unique index "user_email_lower_unique" on "user" (lower("email"));`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "family" uuid not null, "user_id" uuid not null, "hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "replaced_by" uuid null, primary key ("id"));`);
    this.addSql(`create index "refresh_token_family_index" on "refresh_token" ("family");`);
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_hash_unique" unique ("hash");`);

    this.addSql(`create table "workspace" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "slug" varchar(100) not null, "settings" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "workspace" add constraint "workspace_slug_unique" unique ("slug");`);

    this.addSql(`create table "membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "user_id" uuid not null, "role" text not null, primary key ("id"));`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(`alter table "membership" add constraint "membership_workspace_id_user_id_unique" unique ("workspace_id", "user_id");`);

    this.addSql(`create table "meeting" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "organizer_id" uuid not null, "title" varchar(300) not null, "description" text null, "status" text not null default 'draft', "scheduled_start" timestamptz null, "scheduled_end" timestamptz null, "session_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "meeting_organizer_id_index" on "meeting" ("organizer_id");`);
    this.addSql(`create index "meeting_session_id_index" on "meeting" ("session_id");`);
    this.addSql(`create index "meeting_workspace_created_idx" on "meeting" ("workspace_id", "created_at" desc);`);
    this.addSql(`create index "meeting_workspace_id_scheduled_start_index" on "meeting" ("workspace_id", "scheduled_start");`);
    this.addSql(`create index "meeting_workspace_status_created_idx" on "meeting" ("workspace_id", "status", "created_at" desc);`);

    this.addSql(`create table "session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "meeting_id" uuid null, "user_id" uuid not null, "title" varchar(300) null, "status" text not null default 'pending', "language" varchar(16) null, "started_at" timestamptz null, "ended_at" timestamptz null, "stats" jsonb not null, "speaker_names" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "session_workspace_id_index" on "session" ("workspace_id");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`create index "session_status_started_idx" on "session" ("status", "started_at" desc);`);

    this.addSql(`create table "summary" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "overview" text not null default '', "key_points" jsonb not null, "decisions" jsonb not null, "risks" jsonb not null, "questions" jsonb not null, "model" varchar(100) null, "fallback_used" boolean not null default false, primary key ("id"));`);
    this.addSql(`alter table "summary" add constraint "summary_session_id_unique" unique ("session_id");`);

    this.addSql(`create table "segment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "seq" int not null, "kind" text not null default 'final', "text" text not null, "refined_text" text null, "speaker" varchar(100) null, "start_ms" int not null, "end_ms" int not null, "confidence" real null, "language" varchar(16) null, "tsv" tsvector generated always as (to_tsvector('english', coalesce("refined_text", "text"))) stored null, primary key ("id"));`);
    this.addSql(`create index "segment_kind_index" on "segment" ("kind");`);
    this.addSql(`create index "segment_tsv_idx" on "segment" using gin ("tsv");`);
    this.addSql(`create index "segment_session_id_start_ms_index" on "segment" ("session_id", "start_ms");`);
    this.addSql(`alter table "segment" add constraint "segment_session_id_seq_unique" unique ("session_id", "seq");`);

    this.addSql(`create table "marker" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "user_id" uuid not null, "type" text not null, "content" text not null, "at_ms" int not null, "speaker" varchar(100) null, primary key ("id"));`);
    this.addSql(`create index "marker_user_id_index" on "marker" ("user_id");`);
    this.addSql(`create index "marker_session_id_at_ms_index" on "marker" ("session_id", "at_ms");`);

    this.addSql(`create table "analytics" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "status" text not null default 'pending', "talk_time" jsonb not null, "words_per_minute" real null, "turns" int null, "sentiment" real null, "engagement" real null, "topics" jsonb not null, "details" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "analytics" add constraint "analytics_session_id_unique" unique ("session_id");`);
    this.addSql(`create index "analytics_status_created_idx" on "analytics" ("status", "created_at" desc);`);

    this.addSql(`create table "task" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "workspace_id" uuid not null, "meeting_id" uuid null, "session_id" uuid null, "title" varchar(500) not null, "description" text null, "status" text not null default 'open', "priority" text not null default 'medium', "assigned_to_id" uuid null, "assignee_name" varchar(200) null, "created_by_id" uuid not null, "due_date" date null, "completed_at" timestamptz null, "depends_on_id" uuid null, "source_start_ms" int null, "evidence" text null, "extracted" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "task_session_id_index" on "task" ("session_id");`);
    this.addSql(`create index "task_created_by_id_index" on "task" ("created_by_id");`);
    this.addSql(`create index "task_depends_on_id_index" on "task" ("depends_on_id");`);
    this.addSql(`create index "task_workspace_created_idx" on "task" ("workspace_id", "created_at" desc);`);
    this.addSql(`create index "task_workspace_id_status_created_at_index" on "task" ("workspace_id", "status", "created_at");`);
    this.addSql(`create index "task_meeting_id_status_index" on "task" ("meeting_id", "status");`);
    this.addSql(`create index "task_assigned_to_id_status_due_date_index" on "task" ("assigned_to_id", "status", "due_date");`);

    this.addSql(`create table "participant" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "meeting_id" uuid not null, "user_id" uuid not null, "role" text not null default 'attendee', "status" text not null default 'invited', "joined_at" timestamptz null, "left_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "participant_user_id_index" on "participant" ("user_id");`);
    this.addSql(`alter table "participant" add constraint "participant_meeting_id_user_id_unique" unique ("meeting_id", "user_id");`);

    this.addSql(`create table "audit_log" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "actor_id" uuid null, "action" varchar(100) not null, "target" varchar(200) null, "workspace_id" uuid null, "ip" varchar(64) null, "at" timestamptz not null, "data" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "audit_log_actor_id_index" on "audit_log" ("actor_id");`);
    this.addSql(`create index "audit_log_target_at_index" on "audit_log" ("target", "at");`);
    this.addSql(`create index "audit_log_workspace_at_idx" on "audit_log" ("workspace_id", "at" desc);`);

    this.addSql(`alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_role_check" check ("role" in ('owner', 'admin', 'member', 'viewer'));`);

    this.addSql(`alter table "meeting" add constraint "meeting_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "meeting" add constraint "meeting_organizer_id_foreign" foreign key ("organizer_id") references "user" ("id");`);
    this.addSql(`alter table "meeting" add constraint "meeting_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete set null;`);
    this.addSql(`alter table "meeting" add constraint "meeting_status_check" check ("status" in ('draft', 'scheduled', 'live', 'completed', 'cancelled'));`);

    this.addSql(`alter table "session" add constraint "session_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete set null;`);
    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user" ("id");`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('pending', 'recording', 'processing', 'completed', 'error'));`);

    this.addSql(`alter table "summary" add constraint "summary_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);

    this.addSql(`alter table "segment" add constraint "segment_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "segment" add constraint "segment_kind_check" check ("kind" in ('interim', 'final', 'corrected'));`);

    this.addSql(`alter table "marker" add constraint "marker_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "marker" add constraint "marker_user_id_foreign" foreign key ("user_id") references "user" ("id");`);
    this.addSql(`alter table "marker" add constraint "marker_type_check" check ("type" in ('decision', 'todo', 'risk', 'question'));`);

    this.addSql(`alter table "analytics" add constraint "analytics_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "analytics" add constraint "analytics_status_check" check ("status" in ('pending', 'running', 'ready', 'failed'));`);

    this.addSql(`alter table "task" add constraint "task_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_assigned_to_id_foreign" foreign key ("assigned_to_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id");`);
    this.addSql(`alter table "task" add constraint "task_depends_on_id_foreign" foreign key ("depends_on_id") references "task" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_status_check" check ("status" in ('open', 'in_progress', 'blocked', 'done', 'cancelled'));`);
    this.addSql(`alter table "task" add constraint "task_priority_check" check ("priority" in ('low', 'medium', 'high', 'urgent'));`);

    this.addSql(`alter table "participant" add constraint "participant_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete cascade;`);
    this.addSql(`alter table "participant" add constraint "participant_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "participant" add constraint "participant_role_check" check ("role" in ('host', 'presenter', 'attendee'));`);
    this.addSql(`alter table "participant" add constraint "participant_status_check" check ("status" in ('invited', 'accepted', 'declined', 'joined', 'left'));`);

    this.addSql(`alter table "audit_log" add constraint "audit_log_actor_id_foreign" foreign key ("actor_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_user_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_organizer_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "marker" drop constraint "marker_user_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_assigned_to_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_created_by_id_foreign";`);
    this.addSql(`alter table "participant" drop constraint "participant_user_id_foreign";`);
    this.addSql(`alter table "audit_log" drop constraint "audit_log_actor_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_workspace_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_workspace_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_workspace_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_workspace_id_foreign";`);
    this.addSql(`alter table "audit_log" drop constraint "audit_log_workspace_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_meeting_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_meeting_id_foreign";`);
    this.addSql(`alter table "participant" drop constraint "participant_meeting_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_session_id_foreign";`);
    this.addSql(`alter table "summary" drop constraint "summary_session_id_foreign";`);
    this.addSql(`alter table "segment" drop constraint "segment_session_id_foreign";`);
    this.addSql(`alter table "marker" drop constraint "marker_session_id_foreign";`);
    this.addSql(`alter table "analytics" drop constraint "analytics_session_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_session_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_depends_on_id_foreign";`);

    this.addSql(`drop table if exists "user" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "workspace" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
    this.addSql(`drop table if exists "meeting" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "summary" cascade;`);
    this.addSql(`drop table if exists "segment" cascade;`);
    this.addSql(`drop table if exists "marker" cascade;`);
    this.addSql(`drop table if exists "analytics" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);
    this.addSql(`drop table if exists "participant" cascade;`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
  }

}
