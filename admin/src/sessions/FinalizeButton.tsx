import StopCircleIcon from '@mui/icons-material/StopCircle';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useCanAccess, useDataProvider, useNotify, useRecordContext } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import type { Session } from '../types';
import { insightsKey } from './useSessionLive';

/** POST /finalize is idempotent, so no confirmation: it only starts the pipeline early. */
export const FinalizeButton = () => {
  const session = useRecordContext<Session>();
  const dataProvider = useDataProvider<MinaDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { canAccess } = useCanAccess({ action: 'finalize', resource: 'sessions', record: session });
  const [pending, setPending] = useState(false);
  if (!session || !canAccess || (session.status !== 'pending' && session.status !== 'recording')) return null;

  const finalize = async () => {
    setPending(true);
    try {
      await dataProvider.finalizeSession(session.id);
      notify('mina.sessions.finalize_started', { type: 'info' });
      await queryClient.invalidateQueries({ queryKey: ['sessions', 'getOne'] });
      await queryClient.invalidateQueries({ queryKey: insightsKey(session.id) });
    } catch (e) {
      notify(errorMessage(e), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <Button label="mina.sessions.finalize" onClick={() => void finalize()} disabled={pending}>
      <StopCircleIcon />
    </Button>
  );
};
