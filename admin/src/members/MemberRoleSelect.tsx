import { MenuItem, TextField } from '@mui/material';
import {
  useCanAccess,
  useNotify,
  usePermissions,
  useRecordContext,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { StatusChip } from '../components/StatusChip';
import type { Permissions } from '../providers/canAccess';
import { errorMessage } from '../providers/errors';
import type { Member, WorkspaceRole } from '../types';
import { assignableRoles } from './roles';

/** Inline role change with an optimistic update; the API's LAST_OWNER refusal rolls it back. */
export const MemberRoleSelect = () => {
  const member = useRecordContext<Member>();
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions<Permissions>();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'members', record: member });
  const [update, { isPending }] = useUpdate<Member>();
  if (!member) return null;
  const choices = assignableRoles(permissions, member.workspaceId, 'update');
  if (!canAccess || choices.length === 0) return <StatusChip value={member.role} prefix="mina.role" />;

  const onChange = (role: WorkspaceRole) =>
    update(
      'members',
      { id: member.id, data: { role }, previousData: member },
      {
        mutationMode: 'optimistic',
        onSuccess: () => notify('mina.members.role_changed', { messageArgs: { email: member.email } }),
        onError: (error) => notify(errorMessage(error), { type: 'error' }),
      },
    );

  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={member.role}
      disabled={isPending}
      onChange={(e) => void onChange(e.target.value as WorkspaceRole)}
      onClick={(e) => e.stopPropagation()}
      slotProps={{ htmlInput: { 'aria-label': translate('mina.members.role_for', { email: member.email }) } }}
    >
      {choices.map((role) => (
        <MenuItem key={role} value={role}>
          {translate(`mina.role.${role}`)}
        </MenuItem>
      ))}
    </TextField>
  );
};
