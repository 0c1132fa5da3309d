import type { CopilotEvent, CopilotItemView } from '@mina/contract/copilot';
import type { CopilotItemRow } from './copilot.repository.js';

/** What the socket event and the REST view share. */
const item = (row: CopilotItemRow) => ({
  sessionId: row.sessionId,
  id: row.id,
  kind: row.kind,
  text: row.text,
  ...(row.owner ? { owner: row.owner } : {}),
  ...(row.due ? { due: row.due } : {}),
  startMs: row.startMs,
  source: row.source,
});

/** The `copilot` socket event of a new item. */
export const toCopilotEvent = (row: CopilotItemRow): CopilotEvent => ({ ...item(row), provisional: true });

export const toCopilotView = (row: CopilotItemRow): CopilotItemView => ({
  ...item(row),
  state: row.state,
  createdAt: new Date(row.createdAt).toISOString(),
  outcome: row.outcome,
  taskId: row.taskId,
});
