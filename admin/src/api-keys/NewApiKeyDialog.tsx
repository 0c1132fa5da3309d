import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CreatedApiKeyView } from '@mina/contract/api-keys';

/** The one time a key is shown: copy it, then it is gone from the console for good. */
export const NewApiKeyDialog = ({ created, onClose }: { created: CreatedApiKeyView | null; onClose: () => void }) => {
  const translate = useTranslate();
  const [copied, setCopied] = useState<boolean | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  const copy = () => {
    if (!created) return;
    navigator.clipboard.writeText(created.key).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Dialog open={created !== null} aria-labelledby="new-api-key-title" fullWidth maxWidth="sm">
      <DialogTitle id="new-api-key-title">{translate('mina.api_keys.created_title', { name: created?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('mina.api_keys.shown_once')}
        </Alert>
        <TextField
          fullWidth
          label={translate('mina.api_keys.key')}
          value={created?.key ?? ''}
          onFocus={(e) => e.target.select()}
          slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'new-api-key', style: { fontFamily: 'monospace' } } }}
        />
        {copied === true ? (
          <Alert severity="success" role="status" sx={{ mt: 1 }}>
            {translate('mina.api_keys.copied')}
          </Alert>
        ) : null}
        {copied === false ? (
          <Alert severity="info" role="status" sx={{ mt: 1 }}>
            {translate('mina.api_keys.copy_failed')}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopyIcon />} onClick={copy}>
          {translate('mina.api_keys.copy')}
        </Button>
        <Button variant="contained" onClick={close}>
          {translate('mina.api_keys.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
