import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { getWorkspaceId } from '../providers/workspace';
import type { Member, Task } from '../types';

/** The selected workspace's members, the people a task can be assigned to (one cached query). */
export function useAssignees() {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const workspaceId = getWorkspaceId();
  return useQuery({
    queryKey: ['members', 'assignees', workspaceId],
    queryFn: () => dataProvider.getMembers(workspaceId ?? ''),
    enabled: Boolean(workspaceId),
    staleTime: 60_000,
  });
}

/**
 * Who a task is assigned to, as the API says: `assignedToId` names the member; `assigneeName` is
 * only the name the meeting used when it matched no member. Null when nobody owns it.
 */
export function assigneeLabel(task: Pick<Task, 'assignedToId' | 'assigneeName'>, members: Member[] | undefined): string | null {
  if (task.assignedToId) {
    const member = members?.find((m) => m.userId === task.assignedToId);
    return member ? member.name || member.email : (task.assigneeName ?? '…');
  }
  return task.assigneeName ?? null;
}

export function useAssigneeLabel(): (task: Pick<Task, 'assignedToId' | 'assigneeName'>) => string | null {
  const { data } = useAssignees();
  return (task) => assigneeLabel(task, data);
}
