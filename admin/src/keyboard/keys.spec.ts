import { describe, expect, it } from 'vitest';
import { isAltShift, isCharacterKey } from './keys';

const key = (init: Partial<KeyboardEvent>) =>
  ({
    key: '',
    code: '',
    altKey: false,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    ...init,
  }) as KeyboardEvent;

describe('isAltShift', () => {
  it.each([
    [{ altKey: true, shiftKey: true, code: 'KeyR', key: 'R' }, true],
    // Option+Shift+R types "‰" on a Mac: the physical key still counts.
    [{ altKey: true, shiftKey: true, code: 'KeyR', key: '‰' }, true],
    [{ altKey: true, code: 'KeyR', key: 'r' }, false],
    [{ altKey: true, shiftKey: true, ctrlKey: true, code: 'KeyR' }, false],
    [{ altKey: true, shiftKey: true, metaKey: true, code: 'KeyR' }, false],
    [{ altKey: true, shiftKey: true, code: 'KeyS' }, false],
  ])('%o → %s', (init, expected) => {
    expect(isAltShift(key(init), 'KeyR')).toBe(expected);
  });
});

describe('isCharacterKey', () => {
  it.each([
    [{ key: '?', shiftKey: true }, true],
    [{ key: '?' }, true],
    [{ key: '?', ctrlKey: true }, false],
    [{ key: '?', altKey: true }, false],
    [{ key: '/' }, false],
  ])('%o → %s', (init, expected) => {
    expect(isCharacterKey(key(init), '?')).toBe(expected);
  });
});
