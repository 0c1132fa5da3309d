import { Migration } from '@mikro-orm/migrations';

/** A stage can be `waiting` (refinement holding back for audio still being transcribed). */
export class Migration20261121024500 extends Migration {

  override name = 'Migration20261121024500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "pipeline_stage" drop constraint if exists "pipeline_stage_status_check";`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_status_check" check ("status" in ('pending', 'waiting', 'running', 'ready', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "pipeline_stage" set "status" = 'pending' where "status" = 'waiting';`);
    this.addSql(`alter table "pipeline_stage" drop constraint if exists "pipeline_stage_status_check";`);
    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_status_check" check ("status" in ('pending', 'running', 'ready', 'failed'));`);
  }

}
