/*
 * The live copilot: provisional insights found in a session's finals while it records, pushed to
 * the session room as `copilot` events and reconciled with the final insights at finalization.
 */

export const COPILOT_KINDS = ['action_item', 'decision', 'question', 'risk'] as const;
export type CopilotKind = (typeof COPILOT_KINDS)[number];

/** Socket event `copilot` (server → client), and the items of GET /api/sessions/:id/copilot. */
export interface CopilotEvent {
  sessionId: string;
  id: string;
  kind: CopilotKind;
  text: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD) when a due date was said. */
  due?: string;
  startMs: number;
  provisional: true;
  /** Who found it: an AI provider's name, or 'local' for the rule-based fallback. */
  source?: string;
}

export const COPILOT_ITEM_STATES = ['open', 'pinned', 'dismissed'] as const;
export type CopilotItemState = (typeof COPILOT_ITEM_STATES)[number];

/**
 * What became of an item when the session was finalized: `matched` a final task or summary line,
 * `added` as one (a pinned item the final insights did not have), or `superseded` (an unpinned
 * item the final insights did not confirm; not shown as final). Null until then, and for dismissed items.
 */
export const COPILOT_OUTCOMES = ['matched', 'added', 'superseded'] as const;
export type CopilotOutcome = (typeof COPILOT_OUTCOMES)[number];

export interface CopilotItemView extends Omit<CopilotEvent, 'provisional'> {
  state: CopilotItemState;
  createdAt: string;
  /** Addition: the reconciliation's verdict (see CopilotOutcome). */
  outcome?: CopilotOutcome | null;
  /** Addition: the final task an action item matched or became. */
  taskId?: string | null;
}
