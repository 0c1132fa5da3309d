import { useQuery } from '@tanstack/react-query';
import { errorStatus } from '../../providers/errors';
import type { Session } from '../../types';
import { audioNotYet } from './NoRecording';
import { audioMetadataKey, getAudioMetadata } from './playbackApi';

/** The recording's metadata and peaks; an error says why there is none (404, 410). Shared by the page and the player. */
export function useAudioMetadata(session: Pick<Session, 'id' | 'status' | 'recording'> & Partial<Pick<Session, 'source'>>) {
  // The session says already when there is nothing to fetch: no request that can only fail.
  const notYet = audioNotYet(session) ?? (session.recording?.available === false ? session.recording.code : null);
  return useQuery({
    queryKey: audioMetadataKey(String(session.id)),
    queryFn: () => getAudioMetadata(String(session.id)),
    // Only once the session (GET one) said there is a recording: a record from a list does not say.
    enabled: !notYet && session.recording?.available === true,
    // 404/410 are answers, not failures; only a server error is worth another try.
    retry: (count, error) => count < 2 && (errorStatus(error) ?? 500) >= 500,
    staleTime: 5 * 60_000,
  });
}
