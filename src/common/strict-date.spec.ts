import { describe, expect, it } from 'vitest';
import { parseStrictDate } from './strict-date.js';

describe('parseStrictDate', () => {
  it.each([
    ['2026-03-02', undefined, '2026-03-02T00:00:00.000Z'],
    ['2028-02-29', 'date', '2028-02-29T00:00:00.000Z'],
    ['2000-02-29', undefined, '2000-02-29T00:00:00.000Z'],
    ['0001-01-01', undefined, '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', undefined, '9999-12-31T23:59:59.999Z'],
    ['2026-03-02T10:00Z', undefined, '2026-03-02T10:00:00.000Z'],
    ['2026-03-02T10:00:00+02:00', undefined, '2026-03-02T08:00:00.000Z'],
    ['2026-03-02T10:00:00.123456Z', 'date-time', '2026-03-02T10:00:00.123Z'],
  ] as const)('reads %s', (value, form, iso) => {
    expect(parseStrictDate(value, form)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-02-30'],
    ['2026-02-31'],
    ['2026-02-29'],
    ['1900-02-29'],
    ['2026-04-31'],
    ['0000-00-00'],
    ['0000-01-01'],
    ['2026-13-01'],
    ['2026-00-10'],
    ['+275760-09-13'],
    ['-000001-01-01'],
    ['20260302'],
    ['2026-03-02T24:00:00Z'],
    ['2026-03-02T10:60:00Z'],
    ['2026-03-02T10:00:60Z'],
    ['2026-03-02T10:00:00'],
    ['2026-03-02T10:00:00+25:00'],
    ['2026-03-02 10:00:00Z'],
    ['March 2, 2026'],
    [''],
  ])('refuses %j', (value) => {
    expect(parseStrictDate(value)).toBeUndefined();
  });

  it('refuses a time where only a date is allowed, and what is not a string', () => {
    expect(parseStrictDate('2026-03-02T10:00:00Z', 'date')).toBeUndefined();
    expect(parseStrictDate(1_700_000_000_000)).toBeUndefined();
    expect(parseStrictDate(null)).toBeUndefined();
  });
});
