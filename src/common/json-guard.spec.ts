import { describe, expect, it } from 'vitest';
import { assertSafeJson } from './json-guard.js';
import { MinaException } from './mina.exception.js';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('assertSafeJson', () => {
  it.each([[null], ['text'], [{ a: [1, 'b', { c: null }] }], [nested(4)]])('accepts %j', (value) => {
    expect(() => assertSafeJson(value, 4)).not.toThrow();
  });

  it.each([
    [nested(5), 'JSON_TOO_DEEP'],
    [nested(100_000), 'JSON_TOO_DEEP'],
    ['a\u0000b', 'INVALID_CHARACTER'],
    [{ list: ['ok', 'no\u0000'] }, 'INVALID_CHARACTER'],
    [{ 'k\u0000': 1 }, 'INVALID_CHARACTER'],
  ])('refuses %#', (value, code) => {
    try {
      assertSafeJson(value, 4);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MinaException);
      expect((error as MinaException).code).toBe(code);
      expect((error as MinaException).status).toBe(400);
    }
  });
});
