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
  const isMember = me.memberships.some((m) => m.workspaceId === record.id);
  if (!isMember || getWorkspaceId() === record.id) return null;
  return (
    <Button
      label="mina.workspace.switch_here"
      onClick={() => {
        setWorkspaceId(String(record.id));
        void queryClient.resetQueries();
      }}
    >
      <SwapHorizIcon />
    </Button>
  );
};
