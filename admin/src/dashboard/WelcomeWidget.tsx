import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useMe } from '../providers/useMe';
import { currentMembership, getWorkspaceId } from '../providers/workspace';
import { Widget } from './Widget';

export const WelcomeWidget = () => {
  const translate = useTranslate();
  const { data: me, isPending } = useMe();
  const membership = me ? currentMembership(me) : undefined;
  return (
    <Widget
      id="welcome"
      title={translate('mina.dashboard.welcome', { name: me?.name || me?.email || '' })}
      loading={isPending}
    >
      <Typography variant="body2">
        {membership
          ? translate('mina.dashboard.workspace_role', {
              workspace: membership.workspaceName,
              role: translate(`mina.role.${membership.role}`),
            })
          : translate(
              me?.isInstanceAdmin && getWorkspaceId()
                ? 'mina.dashboard.admin_workspace'
                : 'mina.dashboard.no_workspace',
            )}
      </Typography>
      {me?.isInstanceAdmin ? (
        <Typography variant="body2" color="text.secondary" mt={1}>
          {translate('mina.dashboard.instance_admin')}
        </Typography>
      ) : null}
    </Widget>
  );
};
