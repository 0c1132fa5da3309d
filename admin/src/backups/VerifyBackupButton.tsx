import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
} from '@mui/material';
import { useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import type { Backup, BackupVerification } from '../types';

export const VerifyBackupButton = () => {
  const backup = useRecordContext<Backup>();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ action: 'verify', resource: 'backups', record: backup });
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<BackupVerification | null>(null);
  if (!backup || !canAccess) return null;

  const verify = async () => {
    setPending(true);
    try {
      const outcome = await dataProvider.verifyBackup(backup.id);
      if (outcome.ok) notify('mina.backups.verified_ok', { type: 'success' });
      else setResult(outcome);
      refresh();
    } catch (e) {
      notify(errorMessage(e), { type: 'error', autoHideDuration: 10_000 });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button
        label="mina.backups.verify"
        onClick={() => void verify()}
        disabled={pending || backup.status === 'running'}
        aria-label={translate('mina.backups.verify_named', { id: backup.id })}
      >
        <VerifiedIcon />
      </Button>
      <Dialog open={result !== null} onClose={() => setResult(null)} aria-labelledby="verify-result-title">
        <DialogTitle id="verify-result-title">{translate('mina.backups.verify_failed_title')}</DialogTitle>
        <DialogContent>
          <Alert severity="error" role="alert">
            {translate('mina.backups.verify_failed', { smart_count: result?.problems.length ?? 0 })}
          </Alert>
          <MuiList dense>
            {(result?.problems ?? []).map((problem, i) => (
              <ListItem key={i}>{problem}</ListItem>
            ))}
          </MuiList>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setResult(null)}>{translate('ra.action.close')}</MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
