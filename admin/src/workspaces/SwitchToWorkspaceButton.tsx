import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { useQueryClient } from '@tanstack/react-query';
import { Button, useRecordContext } from 'react-admin';
import { useMe } from '../providers/useMe';
import { getWorkspaceId, setWorkspaceId } from '../providers/workspace';
import type { Workspace } from '../types';

export const SwitchToWorkspaceButton = () => {
  const record = useRecordContext<Workspace>();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  if (!record || !me) return null;
  // Instance admins may work in any workspace (the API treats them as its admin).
  const mayOpen = me.isInstanceAdmin || me.memberships.some((m) => m.workspaceId === record.id);
  if (!mayOpen || getWorkspaceId() === record.id) return null;
  return (
    <Button
      label="mina.workspace.switch_here"
      onClick={(e) => {
        e.stopPropagation();
        setWorkspaceId(String(record.id));
        void queryClient.resetQueries();
      }}
    >
      <SwapHorizIcon />
    </Button>
  );
};
