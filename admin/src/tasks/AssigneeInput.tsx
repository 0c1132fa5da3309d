import { useQuery } from '@tanstack/react-query';
import { SelectInput, useDataProvider } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { getWorkspaceId } from '../providers/workspace';

/** Assignees are the selected workspace's members, keyed by user id. */
export const AssigneeInput = () => {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const workspaceId = getWorkspaceId();
  const { data, isPending, error } = useQuery({
    queryKey: ['members', 'assignees', workspaceId],
    queryFn: () => dataProvider.getMembers(workspaceId ?? ''),
    enabled: Boolean(workspaceId),
  });
  const choices = (data ?? []).map((m) => ({ id: m.userId, name: m.name || m.email }));
  return (
    <SelectInput
      source="assignedToId"
      choices={choices}
      isPending={isPending && Boolean(workspaceId)}
      emptyText="mina.tasks.unassigned"
      helperText={error ? 'mina.tasks.assignees_unavailable' : undefined}
    />
  );
};
