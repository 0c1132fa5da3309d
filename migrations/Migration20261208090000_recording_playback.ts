import { Migration } from '@mikro-orm/migrations';

/**
 * Recordings say their content type and keep waveform peaks (one byte per 50 ms); sessions made
 * by an upload are `uploading` while its bytes arrive and `queued` until a worker takes them up.
 */
export class Migration20261208090000 extends Migration {

  override name = 'Migration20261208090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "recording" add column "content_type" varchar(64) not null default 'audio/wav';`);
    this.addSql(`alter table "recording" alter column "content_type" drop default;`);
    this.addSql(`alter table "recording" add column "peaks" bytea not null default '\\x';`);
    this.addSql(`alter table "recording" alter column "peaks" drop default;`);
    this.addSql(`alter table "session" drop constraint if exists "session_status_check";`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('pending', 'uploading', 'queued', 'recording', 'transcribing', 'processing', 'completed', 'error'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "session" set "status" = 'error' where "status" in ('uploading', 'queued');`);
    this.addSql(`alter table "session" drop constraint if exists "session_status_check";`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('pending', 'recording', 'transcribing', 'processing', 'completed', 'error'));`);
    this.addSql(`alter table "recording" drop column "peaks";`);
    this.addSql(`alter table "recording" drop column "content_type";`);
  }

}
