import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

/** The signing secret, shown once (after create or rotate) with a copy button. */
export const SecretDialog = ({ secret, onClose }: { secret: string | null; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      notify('mina.webhooks.copied', { type: 'info' });
    } catch {
      notify('mina.webhooks.copy_failed', { type: 'warning' });
    }
  };
  return (
    <Dialog open={secret !== null} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('mina.webhooks.secret_title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('mina.webhooks.secret_once')}
        </Alert>
        <TextField value={secret ?? ''} fullWidth inputProps={{ readOnly: true, 'aria-label': translate('mina.webhooks.secret'), 'data-testid': 'webhook-secret' }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copy()}>{translate('mina.webhooks.copy')}</Button>
        <Button onClick={onClose} variant="contained">
          {translate('mina.webhooks.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
