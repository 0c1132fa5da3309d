import { useQueryClient } from '@tanstack/react-query';
import { Create, useRedirect } from 'react-admin';
import { getMe } from '../providers/me';
import { ME_QUERY_KEY } from '../providers/useMe';
import { WorkspaceForm } from './WorkspaceForm';

const WorkspaceCreate = () => {
  const queryClient = useQueryClient();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        // The creator becomes its owner: reload memberships so the switcher offers it.
        onSuccess: async (data: { id: string }) => {
          await getMe({ force: true }).catch(() => undefined);
          await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
          redirect('show', 'workspaces', data.id);
        },
      }}
    >
      <WorkspaceForm isCreate />
    </Create>
  );
};

export default WorkspaceCreate;
