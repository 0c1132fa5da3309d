import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';

export const RunBackupButton = () => {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ action: 'create', resource: 'backups' });
  const [pending, setPending] = useState(false);
  if (!canAccess) return null;

  const run = async () => {
    setPending(true);
    try {
      await dataProvider.runBackup();
      notify('mina.backups.started', { type: 'info' });
      refresh();
    } catch (e) {
      // BACKUP_KEY_MISSING and friends carry a message meant for the operator.
      notify(errorMessage(e), { type: 'error', autoHideDuration: 10_000 });
    } finally {
      setPending(false);
    }
  };

  return (
    <Button label="mina.backups.run_now" onClick={() => void run()} disabled={pending} variant="contained">
      <PlayArrowIcon />
    </Button>
  );
};
