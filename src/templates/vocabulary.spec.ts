import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinaException } from '#src/common/mina.exception.js';
import { normalizeVocabulary } from './vocabulary.js';

const LIMITS = { vocabularyMaxTerms: 5, vocabularyMaxTermChars: 20 };

describe('normalizeVocabulary', () => {
  it.each([
    [
      ['Mina', ' Acme  Cloud '],
      ['Mina', 'Acme Cloud'],
    ],
    [['Mina', 'mina', 'MINA'], ['Mina']],
    [['', '   ', 'kubectl'], ['kubectl']],
    [[], []],
  ])('%j → %j', (terms, expected) => {
    expect(normalizeVocabulary(terms, LIMITS)).toEqual(expected);
  });

  it.each([
    ['too many terms', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']],
    ['a term too long', ['x'.repeat(21)]],
  ])('refuses %s with VALIDATION_FAILED on settings.vocabulary', (_, terms) => {
    expect(() => normalizeVocabulary(terms, LIMITS)).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: expect.objectContaining({ field: 'settings.vocabulary' }),
      }) as Error,
    );
  });

  it('returns trimmed, unique, bounded terms or refuses, for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 10 }), (terms) => {
        try {
          const out = normalizeVocabulary(terms, LIMITS);
          expect(out.length).toBeLessThanOrEqual(LIMITS.vocabularyMaxTerms);
          expect(new Set(out.map((t) => t.toLowerCase())).size).toBe(out.length);
          for (const t of out) expect(t).toBe(t.trim());
          for (const t of out) expect(t.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(MinaException);
        }
      }),
    );
  });
});
