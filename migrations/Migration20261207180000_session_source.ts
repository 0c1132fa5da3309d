import { Migration } from '@mikro-orm/migrations';

/** Sessions say what brought their words in: the live socket, an uploaded recording, or an imported transcript. */
export class Migration20261207180000 extends Migration {

  override name = 'Migration20261207180000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "session" add column "source" text not null default 'live';`);
    this.addSql(`alter table "session" add constraint "session_source_check" check ("source" in ('live', 'upload', 'import'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "session" drop constraint if exists "session_source_check";`);
    this.addSql(`alter table "session" drop column "source";`);
  }

}
