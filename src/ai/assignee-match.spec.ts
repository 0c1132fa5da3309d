import { describe, expect, it } from 'vitest';
import { matchAssignee } from './assignee-match.js';

const members = [
  { userId: 'u1', name: 'Laura Smith', email: 'laura@example.com' },
  { userId: 'u2', name: 'David Jones', email: 'dj@example.com' },
  { userId: 'u3', name: 'David Brown', email: 'dbrown@example.com' },
  { userId: 'u4', name: 'Zoë Adams', email: 'zoe@example.com' },
];

describe('matchAssignee', () => {
  it.each([
    ['Laura Smith', 'u1'],
    ['laura', 'u1'],
    ['Smith', 'u1'],
    ['David', null],
    ['David Brown', 'u3'],
    ['dj', 'u2'],
    ['dbrown@example.com', 'u3'],
    ['Zoe', 'u4'],
    ['Project Manager', 'u1'],
    ['Nobody', null],
    ['', null],
    [null, null],
  ])('%s → %s', (spoken, expected) => {
    expect(matchAssignee(spoken, members, { 'Project Manager': 'Laura' })?.userId ?? null).toBe(expected);
  });
});
