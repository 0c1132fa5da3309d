import { describe, expect, it } from 'vitest';
import { sectionKeys } from './section-keys.js';

describe('sectionKeys', () => {
  it.each([
    [
      ['Went well', 'To improve'],
      ['wentWell', 'toImprove'],
    ],
    [['Budget & timeline'], ['budgetTimeline']],
    [['Décisions prises'], ['decisionsPrises']],
    [
      ['2025 goals', '!!!'],
      ['section12025Goals', 'section2'],
    ],
    [
      ['Risks', 'risks?'],
      ['risks', 'risks2'],
    ],
    [['日本語'], ['section1']],
  ])('%j → %j', (titles, keys) => {
    expect(sectionKeys(titles)).toEqual(keys);
  });

  it('keys stay short and schema-safe', () => {
    const [key] = sectionKeys(['A very long section title that goes on and on and on and on']);
    expect(key.length).toBeLessThanOrEqual(40);
    expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });
});
