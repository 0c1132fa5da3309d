import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { errorMessage } from '../../providers/errors';
import { renameSpeakers } from '../player/playbackApi';
import { insightsKey, segmentsKey } from '../useSessionLive';

/**
 * Renames one diarization label. The server maps labels to names when it reads segments,
 * talk time and summary attributions, so refetching those shows the new name everywhere.
 */
export function useRenameSpeaker(sessionId: string) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ label, name }: { label: string; name: string }) =>
      renameSpeakers(sessionId, { [label]: name }),
    onSuccess: async (_session, { label, name }) => {
      notify(name.trim() ? 'mina.speakers.renamed' : 'mina.speakers.rename_cleared', {
        type: 'success',
        messageArgs: { label, name: name.trim() },
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['sessions', 'getOne'] }),
        queryClient.invalidateQueries({ queryKey: segmentsKey(sessionId) }),
        queryClient.invalidateQueries({ queryKey: insightsKey(sessionId) }),
      ]);
    },
    onError: (error) =>
      notify('mina.speakers.rename_failed', { type: 'error', messageArgs: { message: errorMessage(error) } }),
  });
}
