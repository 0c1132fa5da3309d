import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinaException } from '../common/mina.exception.js';
import { neutralizeFormula } from './audit-csv.js';
import { auditWhere } from './audit.service.js';

const ID = '0198f87d-59ea-451b-83d9-1ae0603602ea';

describe('neutralizeFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['auth.sign_in', 'auth.sign_in'],
    ['{"a":1}', '{"a":1}'],
    ['', ''],
  ])('%j → %j', (cell, expected) => expect(neutralizeFormula(cell)).toBe(expected));

  it('never lets a cell start a formula, and only ever adds one quote', () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const out = neutralizeFormula(cell);
        expect(out).not.toMatch(/^[=+\-@\t\r]/);
        expect(out === cell || out === `'${cell}`).toBe(true);
      }),
    );
  });
});

describe('auditWhere', () => {
  it.each([
    [{}, {}],
    [{ action: 'auth.sign_in' }, { action: 'auth.sign_in' }],
    [{ action: 'auth.*' }, { action: { $like: 'auth.%' } }],
    [{ action: '50%_off.*' }, { action: { $like: '50\\%\\_off.%' } }],
    [{ actor: ID }, { actor: ID }],
    [{ actor: ' Ada@Example.COM ' }, { actor: { email: 'ada@example.com' } }],
    [{ target: 'user:1', ip: '203.0.113.1', workspaceId: ID }, { target: 'user:1', ip: '203.0.113.1', workspace: ID }],
    [{ from: '2026-01-01T10:00:00Z' }, { at: { $gte: new Date('2026-01-01T10:00:00Z') } }],
    [{ to: '2026-01-01' }, { at: { $lt: new Date('2026-01-02T00:00:00Z') } }],
    [{ action: '', actor: null }, {}],
  ])('%j', (filter, where) => expect(auditWhere(filter)).toEqual(where));

  it.each([[{ action: 1 }], [{ actor: ['a'] }], [{ from: 'soon' }], [{ target: 'x'.repeat(321) }]])('refuses %j', (filter) => {
    expect(() => auditWhere(filter)).toThrow(MinaException);
  });
});
