import type { TemplateView } from '@mina/contract/templates';
import { useQuery } from '@tanstack/react-query';
import { httpClient } from '../providers/httpClient';

/** The templates of a given workspace (not necessarily the selected one: the workspace edit form's). */
export function useWorkspaceTemplates(workspaceId: string | undefined) {
  return useQuery({
    queryKey: ['templates', 'of-workspace', workspaceId],
    enabled: Boolean(workspaceId),
    queryFn: async () => {
      const headers = new Headers({ Accept: 'application/json', 'X-Workspace-Id': workspaceId! });
      const { json } = await httpClient(`/api/templates?range=${encodeURIComponent('[0,999]')}`, { headers });
      return json as TemplateView[];
    },
  });
}
