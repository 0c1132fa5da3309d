import StopCircleIcon from '@mui/icons-material/StopCircle';
import { Button, useCanAccess, useRecordContext } from 'react-admin';
import type { Session } from '../types';
import { useSessionAction } from './useSessionAction';

/** POST /finalize is idempotent, so no confirmation: it only starts the pipeline early. */
export const FinalizeButton = () => {
  const session = useRecordContext<Session>();
  const { canAccess } = useCanAccess({ action: 'finalize', resource: 'sessions', record: session });
  const { run: finalize, pending } = useSessionAction('finalizeSession', 'mina.sessions.finalize_started');
  if (!session || !canAccess || (session.status !== 'pending' && session.status !== 'recording')) return null;

  return (
    <Button label="mina.sessions.finalize" onClick={() => void finalize(session.id)} disabled={pending}>
      <StopCircleIcon />
    </Button>
  );
};
