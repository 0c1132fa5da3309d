import { describe, expect, it } from 'vitest';
import { detectPriority } from './priority.js';

describe('detectPriority', () => {
  it.each([
    ['send it asap', 'urgent'],
    ['as soon as possible please', 'urgent'],
    ['this is urgent', 'urgent'],
    ['it is a blocker for the release', 'urgent'],
    ['critical bug in login', 'urgent'],
    ['an important follow-up', 'high'],
    ['high priority item', 'high'],
    ['no rush on this one', 'low'],
    ['this is not urgent', 'low'],
    ['whenever you get a chance', 'low'],
    ['update the wiki', 'medium'],
  ])('"%s" → %s', (text, expected) => {
    expect(detectPriority(text)).toBe(expected);
  });

  it('treats a deadline within a day as high when nothing else is said', () => {
    expect(detectPriority('send it', 1)).toBe('high');
    expect(detectPriority('send it', 7)).toBe('medium');
    expect(detectPriority('no rush', 0)).toBe('low');
  });
});
