import { httpClient } from '../providers/httpClient';
import type { LegalHoldView, RetentionPreview } from '@mina/contract/retention';

export const previewKey = (workspaceId: string) => ['workspaces', 'retention-preview', workspaceId] as const;

/** What the next retention runs would delete in the workspace (owners and admins). */
export async function fetchRetentionPreview(workspaceId: string, limit = 20): Promise<RetentionPreview> {
  const headers = new Headers({ Accept: 'application/json', 'X-Workspace-Id': workspaceId });
  const { json } = await httpClient(`/api/workspaces/${encodeURIComponent(workspaceId)}/retention/preview?limit=${limit}`, { headers });
  return json as RetentionPreview;
}

export type HoldResource = 'meetings' | 'sessions';

export async function setLegalHold(resource: HoldResource, id: string, hold: boolean, reason: string): Promise<LegalHoldView> {
  const body = hold && reason.trim() ? { hold, reason: reason.trim() } : { hold };
  const { json } = await httpClient(`/api/${resource}/${encodeURIComponent(id)}/legal-hold`, { method: 'PUT', body: JSON.stringify(body) });
  return json as LegalHoldView;
}
