import { Box, Button, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify, useTranslate } from 'react-admin';
import { DateTimeText } from '../components/DateTimeText';
import { errorMessage } from '../providers/errors';
import { httpClient } from '../providers/httpClient';
import type { Workspace } from '../types';

interface Invitation {
  id: string;
  email: string;
  role: string;
  expired: boolean;
  expiresAt: string;
}

/** Invitations sent and not yet answered: who, which role, until when; owners and admins can revoke them. */
export const PendingInvitations = ({ workspace }: { workspace: Workspace }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess } = useCanAccess({ action: 'create', resource: 'members', record: { workspaceId: workspace.id } });
  const base = `/api/workspaces/${workspace.id}/invitations`;
  const headers = new Headers({ Accept: 'application/json', 'X-Workspace-Id': workspace.id });
  // Under ['members', …] so that sending an invitation (AddMemberButton) refreshes this list too.
  const key = ['members', 'invitations', workspace.id];
  const { data, error } = useQuery({
    queryKey: key,
    enabled: canAccess === true,
    queryFn: async () => (await httpClient(`${base}?range=${encodeURIComponent('[0,99]')}`, { headers })).json as Invitation[],
  });
  const revoke = useMutation({
    mutationFn: (id: string) => httpClient(`${base}/${id}`, { method: 'DELETE', headers }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
    onError: (e) => notify(errorMessage(e), { type: 'error' }),
  });
  if (!canAccess) return null;
  if (error) return <Typography color="error" variant="body2" px={2}>{errorMessage(error)}</Typography>;
  if (!data?.length) return null;
  return (
    <Box component="section" aria-labelledby="invitations-title" px={2} pb={2}>
      <Typography id="invitations-title" component="h3" variant="subtitle1">
        {translate('mina.members.pending_title')}
      </Typography>
      <List dense>
        {data.map((i) => (
          <ListItem
            key={i.id}
            secondaryAction={
              <Button size="small" disabled={revoke.isPending} onClick={() => revoke.mutate(i.id)} aria-label={translate('mina.members.revoke_named', { email: i.email })}>
                {translate('mina.members.revoke')}
              </Button>
            }
          >
            <ListItemText
              primary={`${i.email} · ${translate(`mina.role.${i.role}`, { _: i.role })}`}
              secondary={
                i.expired ? (
                  translate('mina.members.invitation_expired')
                ) : (
                  <>
                    {translate('mina.members.invitation_until')} <DateTimeText value={i.expiresAt} variant="caption" />
                  </>
                )
              }
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
