import MailIcon from '@mui/icons-material/MailOutline';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import { httpClient } from '../providers/httpClient';
import { getMe } from '../providers/me';
import { Widget } from './Widget';

interface MyInvitation {
  id: string;
  workspaceId: string;
  workspaceName: string;
  role: string;
  invitedBy: string | null;
  expiresAt: string;
}

const INVITATIONS_KEY = ['mina', 'my-invitations'] as const;

/**
 * Invitations to other workspaces wait for the signed-in user's answer here: nobody becomes a
 * member of a workspace without saying yes. Hidden while there is none.
 */
export const InvitationsWidget = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: async () => (await httpClient('/api/me/invitations')).json as MyInvitation[],
  });
  const answer = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'accept' | 'decline' }) =>
      httpClient(`/api/invitations/${id}/${verb}`, { method: 'POST' }),
    onSuccess: async (_res, { verb, id }) => {
      const invitation = data?.find((i) => i.id === id);
      if (verb === 'accept') {
        // The new membership must reach the workspace switcher and the permissions.
        await getMe({ force: true });
        await queryClient.invalidateQueries();
      } else {
        await queryClient.invalidateQueries({ queryKey: INVITATIONS_KEY });
      }
      notify(`mina.invitations.${verb}ed`, { type: 'success', messageArgs: { name: invitation?.workspaceName ?? '' } });
    },
    onError: (e) => notify(errorMessage(e), { type: 'error' }),
  });
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (!data?.length) return null;
  return (
    <Widget id="invitations" icon={<MailIcon />} title={translate('mina.invitations.title', { smart_count: data.length })}>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {data.map((i) => (
          <Box component="li" key={i.id} py={0.5}>
            <Typography variant="body2">
              {translate(i.invitedBy ? 'mina.invitations.line_by' : 'mina.invitations.line', {
                name: i.workspaceName,
                role: translate(`mina.role.${i.role}`, { _: i.role }),
                by: i.invitedBy ?? '',
              })}
            </Typography>
            <Stack direction="row" spacing={1} mt={0.5}>
              <Button
                size="small"
                variant="contained"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ id: i.id, verb: 'accept' })}
                aria-label={translate('mina.invitations.accept_aria', { name: i.workspaceName })}
              >
                {translate('mina.invitations.accept')}
              </Button>
              <Button
                size="small"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ id: i.id, verb: 'decline' })}
                aria-label={translate('mina.invitations.decline_aria', { name: i.workspaceName })}
              >
                {translate('mina.invitations.decline')}
              </Button>
            </Stack>
          </Box>
        ))}
      </Box>
    </Widget>
  );
};
