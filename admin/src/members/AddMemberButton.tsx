import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, useCanAccess, useCreate, useNotify, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../providers/canAccess';
import { errorMessage } from '../providers/errors';
import type { Workspace, WorkspaceRole } from '../types';
import { assignableRoles } from './roles';

export const AddMemberButton = ({ workspace }: { workspace: Workspace }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<Permissions>();
  const { canAccess } = useCanAccess({
    action: 'create',
    resource: 'members',
    record: { workspaceId: workspace.id },
  });
  const [create, { isPending }] = useCreate();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [error, setError] = useState<string | null>(null);
  if (!canAccess) return null;
  const roles = assignableRoles(permissions, workspace.id, 'create');

  const close = () => {
    setOpen(false);
    setEmail('');
    setRole('member');
    setError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    void create(
      'members',
      { data: { workspaceId: workspace.id, email: email.trim(), role } },
      {
        onSuccess: () => {
          notify('mina.members.added', { messageArgs: { email } });
          void queryClient.invalidateQueries({ queryKey: ['members'] });
          close();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <>
      <Button label="mina.members.add" onClick={() => setOpen(true)}>
        <PersonAddIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="add-member-title" fullWidth maxWidth="xs">
        <form onSubmit={submit} noValidate>
          <DialogTitle id="add-member-title">
            {translate('mina.members.add_title', { name: workspace.name })}
          </DialogTitle>
          <DialogContent>
            {error ? (
              <Alert severity="error" role="alert" sx={{ mb: 1 }}>
                {error}
              </Alert>
            ) : null}
            <TextField
              autoFocus
              fullWidth
              margin="dense"
              type="email"
              label={translate('resources.members.fields.email')}
              helperText={translate('mina.members.email_help')}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              disabled={isPending}
            />
            <TextField
              select
              fullWidth
              margin="dense"
              label={translate('resources.members.fields.role')}
              value={role}
              onChange={(e) => setRole(e.target.value as WorkspaceRole)}
              disabled={isPending}
            >
              {roles.map((r) => (
                <MenuItem key={r} value={r}>
                  {translate(`mina.role.${r}`)}
                </MenuItem>
              ))}
            </TextField>
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close} disabled={isPending}>
              {translate('ra.action.cancel')}
            </MuiButton>
            <MuiButton type="submit" variant="contained" disabled={isPending || !email.includes('@')}>
              {translate('mina.members.add_submit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
