import { Migration } from '@mikro-orm/migrations';

/**
 * Audio that was not transcribed is said so (`session.transcription`) and kept in the recording
 * store (`recording`, one row per session); a session can be `transcribing` its kept audio; a
 * pipeline stage can be `skipped` (there was no transcript to work on).
 */
export class Migration20261207160000 extends Migration {

  override name = 'Migration20261207160000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "session" add column "transcription" jsonb null;`);
    this.addSql(`alter table "session" drop constraint if exists "session_status_check";`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('pending', 'recording', 'transcribing', 'processing', 'completed', 'error'));`);
    this.addSql(`alter table "pipeline_stage" drop constraint if exists "pipeline_stage_status_check";`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_status_check" check ("status" in ('pending', 'waiting', 'running', 'ready', 'skipped', 'failed'));`);
    this.addSql(`create table "recording" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" uuid not null, "workspace_id" uuid not null, "path" text not null, "format" varchar(16) not null, "sample_rate" int not null, "channels" int not null, "duration_ms" int not null, "size_bytes" bigint not null, "sha256" varchar(64) not null, primary key ("id"));`);
    this.addSql(`alter table "recording" add constraint "recording_session_id_unique" unique ("session_id");`);
    this.addSql(`create index "recording_workspace_id_index" on "recording" ("workspace_id");`);
    this.addSql(`alter table "recording" add constraint "recording_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "recording" add constraint "recording_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recording" cascade;`);
    this.addSql(`update "pipeline_stage" set "status" = 'failed' where "status" = 'skipped';`);
    this.addSql(`alter table "pipeline_stage" drop constraint if exists "pipeline_stage_status_check";`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_status_check" check ("status" in ('pending', 'waiting', 'running', 'ready', 'failed'));`);
    this.addSql(`update "session" set "status" = 'processing' where "status" = 'transcribing';`);
    this.addSql(`alter table "session" drop constraint if exists "session_status_check";`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('pending', 'recording', 'processing', 'completed', 'error'));`);
    this.addSql(`alter table "session" drop column if exists "transcription";`);
  }

}
