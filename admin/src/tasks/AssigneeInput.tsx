import { SelectInput } from 'react-admin';
import { getWorkspaceId } from '../providers/workspace';
import { useAssignees } from './useAssignees';

/** Assignees are the selected workspace's members, keyed by user id. */
export const AssigneeInput = () => {
  const workspaceId = getWorkspaceId();
  const { data, isPending, error } = useAssignees();
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
