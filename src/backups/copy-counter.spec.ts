import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { CopyCounter } from './copy-counter.js';
import { compareState } from './database-state.js';
import { parseRestoreTarget } from './restore-target.repository.js';

const SCRIPT = [
  '--',
  '-- PostgreSQL database dump',
  'CREATE TABLE public."user" (id uuid NOT NULL);',
  'COPY public."user" (id, email) FROM stdin;',
  'a\tlaura@example.com',
  'b\tbob@example.com',
  '\\.',
  '',
  'COPY public.segment (id, text) FROM stdin;',
  '1\tCOPY public.fake (x) FROM stdin; is data here, not a header',
  '2\ta line with an escaped \\n newline',
  '\\.',
  'COPY public.empty (id) FROM stdin;',
  '\\.',
  'COPY public.mikro_orm_migrations (id, name, executed_at) FROM stdin;',
  '1\tMigration20261120225155\t2026-11-20 23:00:00+00',
  '2\tMigration20261120230529\t2026-11-20 23:00:01+00',
  '\\.',
  'COPY "Odd ""Schema""".t (id) FROM stdin;',
  '1',
  '\\.',
  '',
].join('\n');

async function count(text: string, chunk: number): Promise<CopyCounter> {
  const buf = Buffer.from(text);
  const counter = new CopyCounter(new Set(['public.mikro_orm_migrations']));
  await pipeline(Readable.from(Array.from({ length: Math.ceil(buf.length / chunk) }, (_, i) => buf.subarray(i * chunk, (i + 1) * chunk))), counter);
  return counter;
}

describe('CopyCounter', () => {
  it.each([1, 7, 64, 1 << 16])('counts the rows of every COPY block, whatever the chunking (%i bytes)', async (chunk) => {
    const counter = await count(SCRIPT, chunk);
    expect(counter.tables).toEqual({ 'public.user': 2, 'public.segment': 2, 'public.empty': 0, 'public.mikro_orm_migrations': 2, 'Odd "Schema".t': 1 });
    expect(counter.column('public.mikro_orm_migrations', 'name')).toEqual(['Migration20261120225155', 'Migration20261120230529']);
  });

  it('fails on a script that stops inside a data block', async () => {
    await expect(count(SCRIPT.slice(0, SCRIPT.indexOf('\\.\nCOPY public.empty')), 64)).rejects.toThrow(/COPY block of public.segment never ends/);
  });
});

describe('compareState', () => {
  const backup = { tables: { 'public.user': 2, 'public.segment': 10 }, migrations: ['M1', 'M2'] };
  it.each([
    ['the same', backup, []],
    ['a row short', { ...backup, tables: { 'public.user': 2, 'public.segment': 9 } }, ['table public.segment has 9 rows, the backup had 10']],
    ['a table missing', { ...backup, tables: { 'public.user': 2 } }, ['table public.segment is missing']],
    ['an extra table', { ...backup, tables: { ...backup.tables, 'public.x': 0 } }, ['table public.x was not in the backup']],
    ['another migration', { ...backup, migrations: ['M1'] }, ['migrations differ: backup has [M1, M2], database has [M1]']],
  ])('%s', (_, actual, problems) => {
    expect(compareState(backup, actual)).toEqual(problems);
  });
});

describe('parseRestoreTarget', () => {
  it.each([
    ['postgres://u:p@db:5432/mina', { kind: 'postgresql', url: 'postgres://u:p@db:5432/mina' }],
    ['postgresql://db/mina?sslmode=require', { kind: 'postgresql', url: 'postgresql://db/mina?sslmode=require' }],
    ['/var/lib/mina/pg-restored', { kind: 'pglite', dir: '/var/lib/mina/pg-restored' }],
    ['pglite:/tmp/x', { kind: 'pglite', dir: '/tmp/x' }],
  ])('%s', (target, spec) => {
    expect(parseRestoreTarget(target)).toEqual(spec);
  });

  it('refuses other URLs without echoing a password', () => {
    expect(() => parseRestoreTarget('mysql://root:secret@db/mina')).toThrow(/postgres:\/\/ URL or a directory \(got mysql:\/\/root:\*\*\*@db\/mina\)/);
  });
});
