import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinaException } from '#src/common/mina.exception.js';
import { applySettingsPatch, parseSettingsPatch, SETTING_KEYS } from './workspace-settings.js';

const codeOf = (input: unknown): string | undefined => {
  try {
    parseSettingsPatch(input);
    return undefined;
  } catch (error) {
    return (error as MinaException).code;
  }
};

describe('workspace settings schema', () => {
  it.each([
    ['nothing', {}, undefined],
    ['a language', { language: 'en' }, undefined],
    ['both keys', { language: 'pt-BR', recordings: { keep: false } }, undefined],
    ['nulls (removal)', { language: null, recordings: null }, undefined],
    ['a retention in days', { recordings: { keep: true, retentionDays: 30 } }, undefined],
    ['retention forever', { recordings: { retentionDays: null } }, undefined],
    ['an empty recordings object (defaults)', { recordings: {} }, undefined],
    ['a summary language', { summaryLanguage: 'fr' }, undefined],
    ['a summary language removed', { summaryLanguage: null }, undefined],
    ['a summary language Mina does not write', { summaryLanguage: 'tlh' }, 'VALIDATION_FAILED'],
    ['a summary language by name', { summaryLanguage: 'French' }, 'VALIDATION_FAILED'],
    ['a language name', { language: 'English' }, 'VALIDATION_FAILED'],
    ['1 MB in a known key', { language: 'x'.repeat(1_000_000) }, 'VALIDATION_FAILED'],
    ['a number as language', { language: 42 }, 'VALIDATION_FAILED'],
    ['a string as keep', { recordings: { keep: 'yes' } }, 'VALIDATION_FAILED'],
    ['zero days', { recordings: { retentionDays: 0 } }, 'VALIDATION_FAILED'],
    ['a fraction of a day', { recordings: { retentionDays: 1.5 } }, 'VALIDATION_FAILED'],
    ['more than a century', { recordings: { retentionDays: 36_501 } }, 'VALIDATION_FAILED'],
    ['days as a string', { recordings: { retentionDays: '30' } }, 'VALIDATION_FAILED'],
    ['an unknown key inside recordings', { recordings: { keep: true, legalHold: true } }, 'VALIDATION_FAILED'],
    ['recordings as a boolean', { recordings: true }, 'VALIDATION_FAILED'],
    ['recordings as an array', { recordings: [] }, 'VALIDATION_FAILED'],
    ['a retention policy', { retention: { transcriptDays: 365, audioDays: 30, keepTasks: false } }, undefined],
    ['a retention policy that keeps forever', { retention: { transcriptDays: null, audioDays: null } }, undefined],
    ['an empty retention policy (instance defaults)', { retention: {} }, undefined],
    ['transcript days 0', { retention: { transcriptDays: 0 } }, 'VALIDATION_FAILED'],
    ['audio days beyond a century', { retention: { audioDays: 36_501 } }, 'VALIDATION_FAILED'],
    ['keepTasks as a string', { retention: { keepTasks: 'no' } }, 'VALIDATION_FAILED'],
    ['an unknown key inside retention', { retention: { legalHold: true } }, 'VALIDATION_FAILED'],
    ['the old and the new audio days disagreeing', { recordings: { retentionDays: 30 }, retention: { audioDays: 7 } }, 'VALIDATION_FAILED'],
    ['an unknown key', { theme: 'dark' }, 'UNKNOWN_SETTING'],
    ['1 MB under an unknown key', { language: 'en', blob: 'x'.repeat(1_000_000) }, 'UNKNOWN_SETTING'],
    ['__proto__ as a key', JSON.parse('{"__proto__":1}') as unknown, 'UNKNOWN_SETTING'],
    ['constructor as a key', { constructor: 1 }, 'UNKNOWN_SETTING'],
    ['an array', [], 'VALIDATION_FAILED'],
    ['a string', 'settings', 'VALIDATION_FAILED'],
    ['null', null, 'VALIDATION_FAILED'],
  ])('%s → %s', (_name, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the unknown keys and the known ones, bounded however many were sent', () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}${'x'.repeat(500)}`, i]));
    try {
      parseSettingsPatch(many);
      expect.unreachable();
    } catch (error) {
      const e = error as MinaException;
      expect(e.code).toBe('UNKNOWN_SETTING');
      expect(e.details).toMatchObject({ known: SETTING_KEYS });
      expect(JSON.stringify(e.details).length + e.message.length).toBeLessThan(5_000);
    }
  });

  it('accepts only what fits the schema, so whatever it accepts is small', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...SETTING_KEYS), fc.string()), fc.jsonValue()), (input) => {
        let patch;
        try {
          patch = parseSettingsPatch(input);
        } catch (error) {
          expect(error).toBeInstanceOf(MinaException);
          return;
        }
        expect(Object.keys(patch).every((k) => (SETTING_KEYS as string[]).includes(k))).toBe(true);
        expect(JSON.stringify(applySettingsPatch({}, patch)).length).toBeLessThan(200);
      }),
    );
  });

  it('lets a value sent back unchanged through, even one the schema would refuse now', () => {
    const stored = { language: 'English', blob: { big: 'x'.repeat(10_000) } };
    expect(parseSettingsPatch({ ...stored, recordings: { keep: true } }, stored)).toEqual({ recordings: { keep: true } });
    expect(codeOf({ blob: { big: 'changed' } })).toBe('UNKNOWN_SETTING');
    expect(() => parseSettingsPatch({ blob: { big: 'changed' } }, stored)).toThrow(/Unknown workspace setting "blob"/);
    expect(() => parseSettingsPatch({ language: 'Deutsch' }, stored)).toThrow(/settings.language must be/);
  });

  it('sets, removes and leaves keys, keeping what was stored before the schema', () => {
    const stored = { language: 'en', legacy: { big: true } };
    expect(applySettingsPatch(stored, { language: null, recordings: { keep: false } })).toEqual({ recordings: { keep: false }, legacy: { big: true } });
    expect(applySettingsPatch(stored, {})).toEqual(stored);
  });

  it.each<[string, unknown, Record<string, unknown>, Record<string, unknown>]>([
    ['old name alone: stored as retention.audioDays', { recordings: { keep: true, retentionDays: 30 } }, {}, { recordings: { keep: true }, retention: { audioDays: 30 } }],
    ['old name null: audio kept forever', { recordings: { retentionDays: null } }, {}, { recordings: {}, retention: { audioDays: null } }],
    ['old name merged into the stored policy', { recordings: { retentionDays: 7 } }, { retention: { transcriptDays: 90 } }, { recordings: {}, retention: { transcriptDays: 90, audioDays: 7 } }],
    ['old name merged into the policy sent with it', { recordings: { retentionDays: 7 }, retention: { keepTasks: false } }, { retention: { transcriptDays: 90 } }, { recordings: {}, retention: { keepTasks: false, audioDays: 7 } }],
    ['both names agreeing', { recordings: { retentionDays: 7 }, retention: { audioDays: 7 } }, {}, { recordings: {}, retention: { audioDays: 7 } }],
    ['the new name alone is left as sent', { retention: { audioDays: 7 } }, { recordings: { keep: true } }, { retention: { audioDays: 7 } }],
  ])('recordings.retentionDays is the former retention.audioDays: %s', (_name, input, stored, patch) => {
    expect(parseSettingsPatch(input, stored)).toEqual(patch);
  });
});
