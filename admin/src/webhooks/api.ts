import { httpClient, httpSend } from '../providers/httpClient';
import type { WebhookDeliveryView, WebhookView, WebhookInput } from '@mina/contract/webhooks';

const BASE = '/api/webhooks';

export async function listWebhooks(): Promise<WebhookView[]> {
  return (await httpClient(`${BASE}?range=${encodeURIComponent('[0,99]')}`)).json as WebhookView[];
}

export async function getWebhook(id: string): Promise<WebhookView> {
  return (await httpClient(`${BASE}/${id}`)).json as WebhookView;
}

export async function createWebhook(input: WebhookInput): Promise<WebhookView & { secret: string }> {
  return (await httpSend(BASE, 'POST', input)).json as WebhookView & { secret: string };
}

export async function updateWebhook(id: string, input: Partial<WebhookInput>): Promise<WebhookView> {
  return (await httpSend(`${BASE}/${id}`, 'PUT', input)).json as WebhookView;
}

export async function deleteWebhook(id: string): Promise<void> {
  await httpSend(`${BASE}/${id}`, 'DELETE');
}

export async function rotateSecret(id: string): Promise<string> {
  return ((await httpSend(`${BASE}/${id}/rotate-secret`, 'POST')).json as { secret: string }).secret;
}

export async function listDeliveries(id: string, page: number, perPage: number): Promise<{ items: WebhookDeliveryView[]; total: number }> {
  const range = encodeURIComponent(`[${page * perPage},${page * perPage + perPage - 1}]`);
  const { json, headers } = await httpClient(`${BASE}/${id}/deliveries?range=${range}`);
  const total = Number(/\/(\d+)$/.exec(headers.get('Content-Range') ?? '')?.[1] ?? 0);
  return { items: json as WebhookDeliveryView[], total };
}

export async function replayDelivery(id: string, deliveryId: string): Promise<void> {
  await httpSend(`${BASE}/${id}/deliveries/${deliveryId}/replay`, 'POST');
}
