import { Migration } from '@mikro-orm/migrations';

/**
 * Search filters segments by workspace: `segment.workspace_id` is the session's, back-filled here
 * and filled on insert by a trigger when the writer leaves it out (the live path's raw INSERT, bulk
 * loads), so no writer has to know about it. With btree_gin (PostgreSQL) one GIN index on
 * (workspace_id, tsv) answers a workspace's full-text query; PGlite ships without the extension,
 * so there it stays GIN(tsv) plus a btree on workspace_id (correct, just slower on large data).
 */
export class Migration20261121021500 extends Migration {

  override name = 'Migration20261121021500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "segment" add column "workspace_id" uuid null;`);
    this.addSql(`update "segment" g set "workspace_id" = s."workspace_id" from "session" s where s."id" = g."session_id";`);
    this.addSql(`alter table "segment" alter column "workspace_id" set not null;`);
    this.addSql(`alter table "segment" add constraint "segment_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);

    this.addSql(`create or replace function "segment_workspace_fill"() returns trigger language plpgsql as $$
      begin
        if new."workspace_id" is null then
          select "workspace_id" into new."workspace_id" from "session" where "id" = new."session_id";
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "segment_workspace_fill" before insert on "segment" for each row execute function "segment_workspace_fill"();`);

    this.addSql(`do $$ begin
        create extension if not exists btree_gin;
      exception when others then
        raise notice 'btree_gin is not available (%); segment search uses GIN(tsv) and a btree on workspace_id', sqlerrm;
      end $$;`);
    this.addSql(`do $$ begin
        if exists (select 1 from pg_extension where extname = 'btree_gin') then
          create index "segment_workspace_tsv_idx" on "segment" using gin ("workspace_id", "tsv");
          drop index if exists "segment_tsv_idx";
        else
          create index "segment_workspace_tsv_idx" on "segment" ("workspace_id");
        end if;
      end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create index if not exists "segment_tsv_idx" on "segment" using gin ("tsv");`);
    this.addSql(`drop index if exists "segment_workspace_tsv_idx";`);
    this.addSql(`drop trigger if exists "segment_workspace_fill" on "segment";`);
    this.addSql(`drop function if exists "segment_workspace_fill"();`);
    this.addSql(`alter table "segment" drop constraint "segment_workspace_id_foreign";`);
    this.addSql(`alter table "segment" drop column "workspace_id";`);
  }

}
