export const WEBHOOK_EVENT_TYPES = ['session.completed', 'insights.revealed', 'task.created', 'task.updated', 'recording.synced'] as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
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

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | null;
  enabled?: boolean;
}
