import type { WebhookEventType } from '@mina/contract/webhooks';

export interface DomainEvent {
  workspaceId: string;
  type: WebhookEventType;
  /**
   * What makes this event the same event when published again (a retried job, a second worker):
   * e.g. `session.completed:<sessionId>`. Unique per workspace; a repeat is a no-op.
   */
  key: string;
  data: Record<string, unknown>;
}

/**
 * The port other modules publish domain events through (optional injection: a module without
 * webhooks behaves as before). Never throws: an event that cannot be recorded is logged.
 */
export interface WebhookEventSink {
  publish(event: DomainEvent): Promise<void>;
}

export const WEBHOOK_EVENTS = Symbol('WEBHOOK_EVENTS');
