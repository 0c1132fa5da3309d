import { Migration } from '@mikro-orm/migrations';

/**
 * AI provider chains: which provider (MINA_LLM_PROVIDERS name) produced each stage and summary, and
 * spent each token usage row. Null on rows written before chains, and for the local fallback.
 */
export class Migration20261210100001 extends Migration {
  override name = 'Migration20261210100001';

  override up(): void | Promise<void> {
    this.addSql(`alter table "pipeline_stage" add column "provider" varchar(200) null;`);
    this.addSql(`alter table "summary" add column "provider" varchar(200) null;`);
    this.addSql(`alter table "token_usage" add column "provider" varchar(40) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "token_usage" drop column "provider";`);
    this.addSql(`alter table "summary" drop column "provider";`);
    this.addSql(`alter table "pipeline_stage" drop column "provider";`);
  }
}
