import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Button, CanAccess, useNotify, useRedirect, useTranslate } from 'react-admin';
import { errorMessage } from '../providers/errors';
import { httpClient } from '../providers/httpClient';

/**
 * Brings a transcript made elsewhere (Zoom or Teams WebVTT, SRT, Mina JSON) in as a session:
 * the server parses it, refuses a malformed file naming the line, and runs the pipeline on it.
 */
export const ImportTranscriptButton = () => (
  <CanAccess action="create" resource="sessions">
    <ImportTranscriptDialog />
  </CanAccess>
);

const ImportTranscriptDialog = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const close = () => {
    setOpen(false);
    setFile(null);
    setTitle('');
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(translate('mina.sessions.import.choose_file'));
    setError(null);
    setSending(true);
    const form = new FormData();
    form.append('file', file, file.name);
    if (title.trim()) form.append('title', title.trim());
    try {
      const { json } = await httpClient('/api/sessions/import', { method: 'POST', body: form });
      const { id, segments } = json as { id: string; segments: number };
      notify('mina.sessions.import.done', { type: 'success', messageArgs: { smart_count: segments } });
      close();
      redirect('show', 'sessions', id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button label="mina.sessions.import.button" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="import-transcript-title" fullWidth maxWidth="sm">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogTitle id="import-transcript-title">{translate('mina.sessions.import.title')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {translate('mina.sessions.import.help')}
            </Typography>
            {error ? (
              <Alert severity="error" role="alert" sx={{ mb: 2 }}>
                {error}
              </Alert>
            ) : null}
            <MuiButton variant="outlined" component="label" startIcon={<UploadFileIcon />}>
              {file ? file.name : translate('mina.sessions.import.choose_file')}
              <input
                hidden
                type="file"
                name="file"
                accept=".vtt,.srt,.json,text/vtt,application/x-subrip,application/json"
                aria-label={translate('mina.sessions.import.choose_file')}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </MuiButton>
            <TextField
              fullWidth
              margin="normal"
              label={translate('mina.sessions.import.title_field')}
              helperText={translate('mina.sessions.import.title_help')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 300 } }}
            />
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={!file || sending}>
              {translate(sending ? 'mina.sessions.import.sending' : 'mina.sessions.import.submit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
