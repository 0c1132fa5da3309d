import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from './entities/task.entity.js';
import { canTransition } from './task-status.js';

const allowed: [TaskStatus, TaskStatus][] = [
  ['open', 'in_progress'], ['open', 'done'], ['open', 'blocked'], ['open', 'cancelled'],
  ['in_progress', 'open'], ['in_progress', 'done'], ['blocked', 'in_progress'], ['done', 'open'], ['cancelled', 'open'],
];
const refused: [TaskStatus, TaskStatus][] = [
  ['done', 'in_progress'], ['done', 'blocked'], ['done', 'cancelled'], ['cancelled', 'done'], ['cancelled', 'in_progress'],
];

describe('task status transitions', () => {
  it.each(allowed)('%s → %s is allowed', (from, to) => expect(canTransition(from, to)).toBe(true));
  it.each(refused)('%s → %s is refused', (from, to) => expect(canTransition(from, to)).toBe(false));
  it.each(TASK_STATUSES.map((s) => [s]))('%s → itself is a no-op', (s) => expect(canTransition(s, s)).toBe(true));
});
