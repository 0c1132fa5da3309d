import { Migration } from '@mikro-orm/migrations';

/**
 * A meeting's status follows its session's lifecycle: `live` while the session records, `completed`
 * once it is finalized (processing, completed or error). Every transition (socket, REST finalize,
 * the abandoned-session sweep, the pipeline) is one UPDATE of "session"."status" in a different
 * module, so the row is the one place that sees them all. A cancelled meeting stays cancelled.
 */
export class Migration20261207170000 extends Migration {

  override name = 'Migration20261207170000';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "meeting_follows_session"() returns trigger language plpgsql as $$
      declare target text := case when new."status" = 'recording' then 'live' else 'completed' end;
      begin
        update "meeting" m set "status" = target, "updated_at" = now()
         where (m."id" = new."meeting_id" or m."session_id" = new."id")
           and m."status" not in ('cancelled', target)
           and not (target = 'live' and m."status" = 'completed');
        return null;
      end $$;`);
    this.addSql(`create trigger "session_meeting_status" after update of "status" on "session" for each row
      when (new."status" is distinct from old."status" and new."status" in ('recording', 'processing', 'completed', 'error'))
      execute function "meeting_follows_session"();`);
    // Meetings whose sessions already moved on before this existed.
    this.addSql(`update "meeting" m set "status" = 'completed', "updated_at" = now() from "session" s
      where (s."meeting_id" = m."id" or m."session_id" = s."id") and s."status" in ('processing', 'completed', 'error') and m."status" in ('draft', 'scheduled', 'live');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "session_meeting_status" on "session";`);
    this.addSql(`drop function if exists "meeting_follows_session"();`);
  }

}
