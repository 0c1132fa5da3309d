import { Migration } from '@mikro-orm/migrations';

/**
 * The audit page lists the whole log newest first and filters it by action, exact or by prefix
 * (`auth.*` is a LIKE 'auth.%': text_pattern_ops lets a btree serve it whatever the collation).
 */
export class Migration20261209140000 extends Migration {

  override name = 'Migration20261209140000';

  override up(): void | Promise<void> {
    this.addSql(`create index "audit_log_at_idx" on "audit_log" ("at" desc);`);
    this.addSql(`create index "audit_log_action_at_idx" on "audit_log" ("action" text_pattern_ops, "at" desc);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "audit_log_action_at_idx";`);
    this.addSql(`drop index if exists "audit_log_at_idx";`);
  }

}
