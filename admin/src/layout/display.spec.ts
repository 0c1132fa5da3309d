import { describe, expect, it } from 'vitest';
import { parseDisplayChoice, resolveDisplay, type DisplayChoice, type SystemDisplay } from './display';

const SYSTEM_LIGHT: SystemDisplay = { prefersDark: false, prefersMoreContrast: false };
const SYSTEM_DARK: SystemDisplay = { prefersDark: true, prefersMoreContrast: false };
const SYSTEM_CONTRAST: SystemDisplay = { prefersDark: false, prefersMoreContrast: true };
const SYSTEM_DARK_CONTRAST: SystemDisplay = { prefersDark: true, prefersMoreContrast: true };

describe('resolveDisplay', () => {
  const cases: [string, DisplayChoice, SystemDisplay, ReturnType<typeof resolveDisplay>][] = [
    ['no choice, light system', {}, SYSTEM_LIGHT, { theme: 'light', largeText: false, followsSystem: true }],
    ['no choice, dark system', {}, SYSTEM_DARK, { theme: 'dark', largeText: false, followsSystem: true }],
    [
      'no choice, more contrast',
      {},
      SYSTEM_CONTRAST,
      { theme: 'high-contrast', largeText: false, followsSystem: true },
    ],
    [
      'more contrast wins over dark',
      {},
      SYSTEM_DARK_CONTRAST,
      { theme: 'high-contrast', largeText: false, followsSystem: true },
    ],
    [
      'a chosen theme wins over the system',
      { theme: 'light' },
      SYSTEM_DARK_CONTRAST,
      { theme: 'light', largeText: false, followsSystem: false },
    ],
    [
      'high contrast chosen on a dark system',
      { theme: 'high-contrast' },
      SYSTEM_DARK,
      { theme: 'high-contrast', largeText: false, followsSystem: false },
    ],
    [
      'large text alone keeps following the system theme',
      { largeText: true },
      SYSTEM_DARK,
      { theme: 'dark', largeText: true, followsSystem: true },
    ],
    [
      'both chosen',
      { theme: 'dark', largeText: true },
      SYSTEM_LIGHT,
      { theme: 'dark', largeText: true, followsSystem: false },
    ],
  ];
  it.each(cases)('%s', (_, choice, system, expected) => {
    expect(resolveDisplay(choice, system)).toEqual(expected);
  });
});

describe('parseDisplayChoice', () => {
  const cases: [string, string | null, DisplayChoice][] = [
    ['nothing stored', null, {}],
    ['empty', '', {}],
    ['not JSON', '{theme:', {}],
    ['JSON but not an object', '"dark"', {}],
    ['null', 'null', {}],
    ['a theme', '{"theme":"dark"}', { theme: 'dark' }],
    [
      'high contrast and large text',
      '{"theme":"high-contrast","largeText":true}',
      { theme: 'high-contrast', largeText: true },
    ],
    ['an unknown theme is dropped', '{"theme":"neon","largeText":false}', { largeText: false }],
    ['wrong types are dropped', '{"theme":1,"largeText":"yes"}', {}],
  ];
  it.each(cases)('%s', (_, raw, expected) => {
    expect(parseDisplayChoice(raw)).toEqual(expected);
  });
});
