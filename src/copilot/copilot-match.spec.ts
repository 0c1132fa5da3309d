import { describe, expect, it } from 'vitest';
import { bestMatch, matchScore, nearSame, newItems } from './copilot-match.js';

describe('bestMatch: a provisional item against the final tasks or summary lines of its kind', () => {
  it.each([
    // [provisional, finals, expected index]
    [
      'Laura will send the requirements to the team by Friday',
      ['Book the meeting room', 'Send the remote control requirements to the team'],
      1,
    ],
    ["We'll go with the rubber case", ['The team chose a rubber case'], 0],
    ['Check the budget for the remote', ['Remote control design'], -1],
    ['Decide the colour', ['Decide the colour', 'Decide the colour of the buttons'], 0],
    [
      'Find out the price of the battery',
      ['Ask marketing about the battery price', 'Find the price list'],
      0,
    ],
    ['Draw your favourite animal', [], -1],
    ['Okay', ['Okay then'], -1],
    ['Is the schedule too tight?', ['The schedule is tight'], 0],
  ])('%j in %j → %i', (provisional, finals, expected) => {
    expect(bestMatch(provisional, finals)).toBe(expected);
  });

  it('needs two shared terms unless a text has only one', () => {
    expect(matchScore('Book the room', 'Room for the party tomorrow')).toBe(0);
    expect(matchScore('Budget', 'Budget review')).toBe(1);
  });
});

describe('nearSame / newItems: one session keeps one item per thing said', () => {
  it.each([
    [{ kind: 'decision', text: 'We go with rubber.' }, { kind: 'decision', text: 'we go with rubber' }, true],
    [
      { kind: 'decision', text: 'Use a rubber case for the remote' },
      { kind: 'decision', text: 'Use the rubber case for the remote control' },
      true,
    ],
    [{ kind: 'decision', text: 'Use a rubber case' }, { kind: 'risk', text: 'Use a rubber case' }, false],
    [
      { kind: 'question', text: 'Who draws first?' },
      { kind: 'question', text: 'What did you get in your emails?' },
      false,
    ],
  ] as const)('%j vs %j → %s', (a, b, same) => {
    expect(nearSame(a, b)).toBe(same);
  });

  it('drops candidates already kept or repeated within the scan, and empty ones', () => {
    const kept = [{ kind: 'action_item' as const, text: 'Send the requirements to the team' }];
    const candidates = [
      { kind: 'action_item' as const, text: 'send the requirements to the team', n: 1 },
      { kind: 'question' as const, text: 'Who would like to go first?', n: 2 },
      { kind: 'question' as const, text: 'Who would like to go first', n: 3 },
      { kind: 'risk' as const, text: '  ', n: 4 },
      { kind: 'risk' as const, text: 'The schedule is tight', n: 5 },
    ];
    expect(newItems(candidates, kept).map((c) => c.n)).toEqual([2, 5]);
  });
});
