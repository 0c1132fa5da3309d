/**
 * `@name` placeholders (readable in long SQL, one value used many times) turned into the driver's
 * positional `?`. Only the names given are replaced, so PostgreSQL's own `@@` and `@>` stay as they are.
 */
export function namedSql(sql: string, named: Record<string, unknown>): { sql: string; params: unknown[] } {
  const names = Object.keys(named);
  if (names.length === 0) return { sql, params: [] };
  const params: unknown[] = [];
  const positional = sql.replace(new RegExp(`(?<!@)@(${names.join('|')})\\b`, 'g'), (_, key: string) => {
    params.push(named[key]);
    return '?';
  });
  return { sql: positional, params };
}
