import type { CopilotEvent, CopilotItemView } from '@mina/contract/copilot';
import type { CopilotItemRow } from './copilot.repository.js';

const optional = (row: CopilotItemRow) => ({
  ...(row.owner ? { owner: row.owner } : {}),
  ...(row.due ? { due: row.due } : {}),
});

/** The `copilot` socket event of a new item. */
export const toCopilotEvent = (row: CopilotItemRow): CopilotEvent => ({
  sessionId: row.sessionId,
  id: row.id,
  kind: row.kind,
  text: row.text,
  ...optional(row),
  startMs: row.startMs,
  provisional: true,
  source: row.source,
});

export const toCopilotView = (row: CopilotItemRow): CopilotItemView => ({
  sessionId: row.sessionId,
  id: row.id,
  kind: row.kind,
  text: row.text,
  ...optional(row),
  startMs: row.startMs,
  source: row.source,
  state: row.state,
  createdAt: new Date(row.createdAt).toISOString(),
  outcome: row.outcome,
  taskId: row.taskId,
});
