import { usePermissions } from 'react-admin';
import type { Permissions } from '../providers/canAccess';

/** Webhooks are for workspace owners and admins (and instance admins), as the API's ability says. */
export function useCanManageWebhooks(): boolean {
  const { permissions } = usePermissions<Permissions>();
  if (!permissions?.workspaceId) return false;
  return permissions.isInstanceAdmin || permissions.role === 'owner' || permissions.role === 'admin';
}
