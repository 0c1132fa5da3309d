/*
 * Webhooks (/api/webhooks): the endpoints a workspace registers, their deliveries, and the event
 * types Mina publishes. The server answers ISO strings already, so these views take no `T`.
 */

/** The domain events an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'session.completed',
  'insights.revealed',
  'task.created',
  'task.updated',
  'recording.synced',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** GET /api/webhooks, /api/webhooks/:id; POST answers it with the signing `secret` (once). */
export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  consecutiveFailures: number;
  /** Set when Mina turned the endpoint off after failures in a row; re-enabling clears it. */
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/webhooks/:id/deliveries. */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  webhookId: string;
  eventType: string;
  attempt: number;
  replay: boolean;
  requestedAt: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  success: boolean;
}

/** POST /api/webhooks; PUT /api/webhooks/:id takes any part of it. */
export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | null;
  enabled?: boolean;
}
