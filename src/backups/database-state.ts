/**
 * The catalog queries backup and restore compare: user tables with their row counts and the
 * migrations table. Run through whatever connection the caller holds (a snapshot transaction,
 * a PGlite transaction, a restore target).
 */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseState {
  /** `schema.table` → rows. */
  tables: Record<string, number>;
  /** Applied migrations, oldest first. */
  migrations: string[];
  serverVersion: string;
}

export const MIGRATIONS_TABLE = 'public.mikro_orm_migrations';

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export async function readDatabaseState(query: Query): Promise<DatabaseState> {
  const tables = (await query(
    `select n.nspname as schema, c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and ${USER_SCHEMAS} order by 1, 2`,
  )) as { schema: string; name: string }[];
  const counts: Record<string, number> = {};
  if (tables.length > 0) {
    const rows = (await query(
      tables.map((t) => `select ${literal(`${t.schema}.${t.name}`)} as t, count(*) as n from ${ident(t.schema)}.${ident(t.name)}`).join(' union all '),
    )) as { t: string; n: string | number }[];
    for (const row of rows) counts[row.t] = Number(row.n);
  }
  const migrations = MIGRATIONS_TABLE in counts
    ? ((await query(`select name from ${MIGRATIONS_TABLE} order by id`)) as { name: string }[]).map((r) => r.name)
    : [];
  const [{ server_version: serverVersion }] = (await query('show server_version')) as { server_version: string }[];
  return { tables: counts, migrations, serverVersion };
}

/** Tables, views, sequences and functions outside the system schemas: any of them makes a database non-empty. */
export async function userObjects(query: Query, limit = 10): Promise<string[]> {
  const rows = (await query(
    `select n.nspname || '.' || c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and ${USER_SCHEMAS}
     union all
     select n.nspname || '.' || p.proname || '()' from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS}
     order by 1 limit ${limit + 1}`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

/** What differs between a restored database and the manifest of its backup; empty when they agree. */
export function compareState(expected: Pick<DatabaseState, 'tables' | 'migrations'>, actual: Pick<DatabaseState, 'tables' | 'migrations'>): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(expected.tables)) {
    if (!(table in actual.tables)) problems.push(`table ${table} is missing`);
    else if (actual.tables[table] !== rows) problems.push(`table ${table} has ${actual.tables[table]} rows, the backup had ${rows}`);
  }
  for (const table of Object.keys(actual.tables)) {
    if (!(table in expected.tables)) problems.push(`table ${table} was not in the backup`);
  }
  if (expected.migrations.join('\n') !== actual.migrations.join('\n')) {
    problems.push(`migrations differ: backup has [${expected.migrations.join(', ')}], database has [${actual.migrations.join(', ')}]`);
  }
  return problems;
}
