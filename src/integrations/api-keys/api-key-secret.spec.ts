import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, keyMatches, LAST_CHARS, parseApiKey, SECRET_LENGTH } from './api-key-secret.js';

describe('API key secrets', () => {
  it('makes mina_ keys with at least 256 unknown bits once the last characters are shown', () => {
    const k = generateApiKey();
    expect(k.key).toMatch(/^mina_[0-9A-Za-z]{59}$/);
    expect((SECRET_LENGTH - LAST_CHARS) * Math.log2(62)).toBeGreaterThanOrEqual(256);
    expect(k.key.endsWith(k.lastChars)).toBe(true);
    expect(k.hash).toBe(hashApiKey(k.key));
    expect(k.hash).not.toContain(k.key.slice(5));
    expect(parseApiKey(k.key)).toBe(k.lookup);
  });

  it('draws every base62 character about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const c of generateApiKey().key.slice(5)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const mean = (400 * 59) / 62;
    for (const n of counts.values()) expect(Math.abs(n - mean)).toBeLessThan(mean * 0.35);
  });

  it.each([
    ['', false],
    ['mina_', false],
    ['mina_short', false],
    [`mina_${'a'.repeat(58)}`, false],
    [`mina_${'a'.repeat(60)}`, false],
    [`mina_${'a'.repeat(58)}-`, false],
    [`MINA_${'a'.repeat(59)}`, false],
    [`mina_${'a'.repeat(59)}`, true],
  ])('parses %j as a key: %s', (raw, ok) => {
    expect(parseApiKey(raw) !== undefined).toBe(ok);
  });

  it('matches only the exact key', () => {
    const k = generateApiKey();
    expect(keyMatches(k.key, k.hash)).toBe(true);
    fc.assert(fc.property(fc.string(), (other) => other === k.key || !keyMatches(other, k.hash)));
    expect(keyMatches(k.key, 'not-hex')).toBe(false);
  });
});
