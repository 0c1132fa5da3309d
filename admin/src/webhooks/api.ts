import { httpClient, httpSend } from '../providers/httpClient';
import type { WebhookDelivery, WebhookEndpoint, WebhookInput } from './types';

const BASE = '/api/webhooks';

export async function listWebhooks(): Promise<WebhookEndpoint[]> {
  return (await httpClient(`${BASE}?range=${encodeURIComponent('[0,99]')}`)).json as WebhookEndpoint[];
}

export async function getWebhook(id: string): Promise<WebhookEndpoint> {
  return (await httpClient(`${BASE}/${id}`)).json as WebhookEndpoint;
}

export async function createWebhook(input: WebhookInput): Promise<WebhookEndpoint & { secret: string }> {
  return (await httpSend(BASE, 'POST', input)).json as WebhookEndpoint & { secret: string };
}

export async function updateWebhook(id: string, input: Partial<WebhookInput>): Promise<WebhookEndpoint> {
  return (await httpSend(`${BASE}/${id}`, 'PUT', input)).json as WebhookEndpoint;
}

export async function deleteWebhook(id: string): Promise<void> {
  await httpSend(`${BASE}/${id}`, 'DELETE');
}

export async function rotateSecret(id: string): Promise<string> {
  return ((await httpSend(`${BASE}/${id}/rotate-secret`, 'POST')).json as { secret: string }).secret;
}

export async function listDeliveries(id: string, page: number, perPage: number): Promise<{ items: WebhookDelivery[]; total: number }> {
  const range = encodeURIComponent(`[${page * perPage},${page * perPage + perPage - 1}]`);
  const { json, headers } = await httpClient(`${BASE}/${id}/deliveries?range=${range}`);
  const total = Number(/\/(\d+)$/.exec(headers.get('Content-Range') ?? '')?.[1] ?? 0);
  return { items: json as WebhookDelivery[], total };
}

export async function replayDelivery(id: string, deliveryId: string): Promise<void> {
  await httpSend(`${BASE}/${id}/deliveries/${deliveryId}/replay`, 'POST');
}
