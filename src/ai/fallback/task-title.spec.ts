import { describe, expect, it } from 'vitest';
import { taskTitle } from './task-title.js';

describe('taskTitle', () => {
  it.each([
    ['send the deck to finance', 'Send the deck to finance'],
    ['be putting the minutes into the project folder', 'Put the minutes into the project folder'],
    ['be just thinking about the components concept', 'Think about the components concept'],
    ['just quickly check the budget, because it is tight', 'Check the budget'],
    ['try to get the numbers from Tom and then we can decide', 'Get the numbers from Tom'],
    ['review the draft, you know, with legal asap', 'Review the draft with legal'],
    ['sending the invoice', 'Send the invoice'],
    ['write it up and you review it', 'Write it up'],
    ['put that Oh no wait', 'Put that'],
  ])('"%s" → "%s"', (clause, expected) => {
    expect(taskTitle(clause)).toBe(expected);
  });

  it.each([['go'], ['later'], ['just'], ['']])('has no title for "%s"', (clause) => {
    expect(taskTitle(clause)).toBeNull();
  });

  it('fits long clauses in 120 characters at a word boundary', () => {
    const title = taskTitle(`prepare ${'a very detailed summary of the quarterly numbers '.repeat(5)}`);
    expect(title?.length).toBeLessThanOrEqual(120);
    expect(title?.endsWith('…')).toBe(true);
    expect(title).toMatch(/^Prepare a very detailed/);
  });
});
