import { describe, expect, it } from 'vitest';
import { namedSql } from './named-sql.js';

describe('namedSql', () => {
  it.each([
    { sql: 'select @a, @b, @a', named: { a: 1, b: 2 }, out: 'select ?, ?, ?', params: [1, 2, 1] },
    {
      sql: `where g."tsv" @@ q and x @> @ws`,
      named: { ws: 'w' },
      out: `where g."tsv" @@ q and x @> ?`,
      params: ['w'],
    },
    { sql: 'select @ws, @wsx, @other', named: { ws: 'w' }, out: 'select ?, @wsx, @other', params: ['w'] },
    { sql: 'select 1', named: {}, out: 'select 1', params: [] },
  ])('$sql', ({ sql, named, out, params }) => {
    expect(namedSql(sql, named)).toEqual({ sql: out, params });
  });
});
