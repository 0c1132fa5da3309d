import { describe, expect, it } from 'vitest';
import { resolveDueDate } from './due-date.js';

// Wednesday.
const MEETING = new Date('2025-03-05T15:30:00Z');

describe('resolveDueDate', () => {
  it.each([
    ['today', 'send it today', '2025-03-05'],
    ['end of day', 'by end of day please', '2025-03-05'],
    ['tonight', 'I will do it tonight', '2025-03-05'],
    ['tomorrow', 'by tomorrow', '2025-03-06'],
    ['day after tomorrow', 'the day after tomorrow', '2025-03-07'],
    ['a later weekday this week', 'by Friday', '2025-03-07'],
    ['an earlier weekday means next week', 'on Monday', '2025-03-10'],
    ['the same weekday means a week later', 'by Wednesday', '2025-03-12'],
    ['"next" with a weekday', 'next Thursday', '2025-03-06'],
    ['next week', 'sometime next week', '2025-03-10'],
    ['end of the week', 'by the end of the week', '2025-03-07'],
    ['end of this week', 'end of this week', '2025-03-07'],
    ['end of the month', 'by the end of the month', '2025-03-31'],
    ['end of next month', 'by the end of next month', '2025-04-30'],
    ['next month', 'next month', '2025-04-01'],
    ['in N days', 'in 3 days', '2025-03-08'],
    ['in words', 'in two weeks', '2025-03-19'],
    ['in a couple of days', 'in a couple of days', '2025-03-07'],
    ['month and day', 'by March 14', '2025-03-14'],
    ['ordinal month day', 'before April 1st', '2025-04-01'],
    ['day of month', 'on the 3rd of April', '2025-04-03'],
    ['a past date rolls to next year', 'March 3', '2026-03-03'],
    ['explicit year', 'by January 9, 2027', '2027-01-09'],
    ['US numeric', 'due 3/14', '2025-03-14'],
    ['day-first numeric when it cannot be a month', 'due 14/3', '2025-03-14'],
    ['ISO date', 'ship on 2025-06-30', '2025-06-30'],
    ['the Nth, later this month', 'by the 20th', '2025-03-20'],
    ['the Nth, already past', 'by the 2nd', '2025-04-02'],
  ])('%s', (_case, text, expected) => {
    expect(resolveDueDate(text, MEETING)?.date).toBe(expected);
  });

  it.each([['no date at all'], ['we talked for a while'], ['February 30']])(
    'finds nothing in "%s"',
    (text) => {
      expect(resolveDueDate(text, MEETING)).toBeNull();
    },
  );

  it('takes the earliest phrase and reports its span with the preposition', () => {
    const text = 'send the deck by Friday, then review it next week';
    const due = resolveDueDate(text, MEETING);
    expect(due?.date).toBe('2025-03-07');
    expect(text.slice(due?.start, due?.end)).toBe('by Friday');
  });

  it('uses the meeting day in UTC, whatever the time of day', () => {
    expect(resolveDueDate('tomorrow', new Date('2025-03-05T23:59:59Z'))?.date).toBe('2025-03-06');
    expect(resolveDueDate('tomorrow', new Date('2025-03-05T00:00:00Z'))?.date).toBe('2025-03-06');
  });
});
