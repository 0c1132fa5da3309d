import LockResetIcon from '@mui/icons-material/LockReset';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import type { User } from '../types';

const MIN_LENGTH = 8;

export const ResetPasswordButton = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const queryClient = useQueryClient();
  const { canAccess } = useCanAccess({ action: 'reset-password', resource: 'users', record });
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!record || !canAccess) return null;

  const close = () => {
    if (pending) return;
    setOpen(false);
    setPassword('');
    setConfirmation('');
    setError(null);
  };

  const tooShort = password.length > 0 && password.length < MIN_LENGTH;
  const mismatch = confirmation.length > 0 && confirmation !== password;
  const valid = password.length >= MIN_LENGTH && password === confirmation;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setPending(true);
    setError(null);
    try {
      await dataProvider.resetPassword(record.id, password);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      notify('mina.users.password_reset_done', { type: 'info', messageArgs: { email: record.email } });
      setPending(false);
      close();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <>
      <Button label="mina.users.reset_password" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="reset-password-title" fullWidth maxWidth="xs">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogTitle id="reset-password-title">{translate('mina.users.reset_password_title')}</DialogTitle>
          <DialogContent>
            <DialogContentText gutterBottom>
              {translate('mina.users.reset_password_content', { email: record.email })}
            </DialogContentText>
            {error ? (
              <Alert severity="error" role="alert" sx={{ mb: 1 }}>
                {error}
              </Alert>
            ) : null}
            <TextField
              autoFocus
              fullWidth
              margin="dense"
              type="password"
              autoComplete="new-password"
              label={translate('mina.users.new_password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={tooShort}
              helperText={translate('mina.users.password_hint', { min: MIN_LENGTH })}
              disabled={pending}
            />
            <TextField
              fullWidth
              margin="dense"
              type="password"
              autoComplete="new-password"
              label={translate('mina.users.confirm_password')}
              value={confirmation}
              onChange={(e) => setConfirmation(e.target.value)}
              error={mismatch}
              helperText={mismatch ? translate('mina.users.password_mismatch') : ' '}
              disabled={pending}
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close} disabled={pending}>
              {translate('ra.action.cancel')}
            </MuiButton>
            <MuiButton type="submit" variant="contained" disabled={!valid || pending}>
              {translate('mina.users.reset_password_submit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
