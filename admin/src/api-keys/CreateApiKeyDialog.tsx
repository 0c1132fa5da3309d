import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import type { WorkspaceRole } from '../types';
import { createApiKey } from './apiKeysApi';
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKeyView } from '@mina/contract/api-keys';

const NAME_MAX = 100;
const RANK: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const SCOPE_RANK: Record<ApiKeyScope, number> = { read: 0, write: 1, admin: 2 };

interface Props {
  open: boolean;
  workspaceName: string;
  role: WorkspaceRole;
  onClose: () => void;
  onCreated: (key: CreatedApiKeyView) => void;
}

/** Name, scope (no wider than the caller's role here) and an optional expiry date. */
export const CreateApiKeyDialog = ({ open, workspaceName, role, onClose, onCreated }: Props) => {
  const translate = useTranslate();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const [expiresOn, setExpiresOn] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createApiKey({
        name: name.trim(),
        scopes: [scope],
        // The end of the chosen day in the user's time zone.
        ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
      }),
    onSuccess: (key) => {
      close();
      onCreated(key);
    },
  });
  const close = () => {
    setName('');
    setScope('read');
    setExpiresOn('');
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="create-api-key-title" fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="create-api-key-title">{translate('mina.api_keys.create_title', { workspace: workspaceName })}</DialogTitle>
        <DialogContent>
          {create.error ? (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <TextField
            autoFocus
            fullWidth
            required
            margin="dense"
            label={translate('mina.api_keys.name')}
            helperText={translate('mina.api_keys.name_help')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { maxLength: NAME_MAX } }}
          />
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">{translate('mina.api_keys.scope')}</FormLabel>
            <RadioGroup value={scope} onChange={(e) => setScope(e.target.value as ApiKeyScope)}>
              {API_KEY_SCOPES.map((s) => (
                <FormControlLabel
                  key={s}
                  value={s}
                  control={<Radio />}
                  disabled={SCOPE_RANK[s] > RANK[role]}
                  label={translate(`mina.api_keys.scope_${s}`)}
                />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField
            fullWidth
            margin="dense"
            type="date"
            label={translate('mina.api_keys.expires_on')}
            helperText={translate('mina.api_keys.expires_help')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!name.trim() || create.isPending}>
            {translate('mina.api_keys.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
