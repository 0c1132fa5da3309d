import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import { insightsKey } from './useSessionLive';

/**
 * Starts server work on a session (finalize, transcribe): says it started, refreshes the session
 * and its insights, and shows the server's reason when it is refused.
 */
export function useSessionAction(action: 'finalizeSession' | 'transcribeSession', started: string) {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const run = async (sessionId: string) => {
    setPending(true);
    try {
      await dataProvider[action](sessionId);
      notify(started, { type: 'info' });
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
      await queryClient.invalidateQueries({ queryKey: insightsKey(sessionId) });
    } catch (e) {
      notify(errorMessage(e), { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}
