import { describe, expect, it } from 'vitest';
import { reconcileItem } from './copilot-reconciler.js';

describe('reconcileItem: what a provisional item becomes at finalization', () => {
  const tasks = ['Send the remote control requirements to the team', 'Book the meeting room for Tuesday'];
  it.each([
    // [item text, state, finals, outcome, match]
    ['Laura sends the requirements to the team', 'open', tasks, 'matched', 0],
    ['Laura sends the requirements to the team', 'pinned', tasks, 'matched', 0],
    ['Order the whiteboard markers', 'pinned', tasks, 'added', -1],
    ['Order the whiteboard markers', 'open', tasks, 'superseded', -1],
    ['Book a meeting room', 'open', tasks, 'matched', 1],
    ['Anything at all', 'pinned', [], 'added', -1],
    ['Anything at all', 'open', [], 'superseded', -1],
  ] as const)('"%s" (%s) → %s', (text, state, finals, outcome, match) => {
    expect(reconcileItem({ text, state }, finals)).toEqual({ outcome, match });
  });
});
