import { TASK_PRIORITIES, TASK_STATUSES } from '../types';

export const taskStatusChoices = TASK_STATUSES.map((id) => ({ id, name: `mina.status.${id}` }));
export const taskPriorityChoices = TASK_PRIORITIES.map((id) => ({ id, name: `mina.priority.${id}` }));
