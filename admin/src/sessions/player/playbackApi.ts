import { httpClient, httpSend } from '../../providers/httpClient';
import type { AudioMetadata, AudioUrl, Session } from '../../types';

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

/** Enough bars for a wide screen; the canvas folds them to its own width. */
export const PEAK_COUNT = 1200;

export const audioMetadataKey = (sessionId: string) => ['mina', 'audio-metadata', sessionId] as const;

export async function getAudioMetadata(sessionId: string): Promise<AudioMetadata> {
  const { json } = await httpClient(`${base(sessionId)}/audio/metadata?peaks=${PEAK_COUNT}`);
  return json as AudioMetadata;
}

/** A signed URL, absolute, with its expiry in epoch ms (the API may answer ISO or epoch). */
export async function getAudioUrl(sessionId: string): Promise<{ url: string; expiresAt: number }> {
  const { json } = await httpSend(`${base(sessionId)}/audio-url`, 'POST');
  const body = json as AudioUrl | { url: string; expiresAt: number };
  const raw = body.expiresAt;
  const at = typeof raw === 'number' ? (raw < 1e12 ? raw * 1000 : raw) : Date.parse(raw);
  return {
    url: new URL(body.url, window.location.origin).toString(),
    expiresAt: Number.isFinite(at) ? at : Date.now() + 60_000,
  };
}

/** PATCH /api/sessions/:id/speakers: label → name; an empty name removes the rename. */
export async function renameSpeakers(sessionId: string, speakers: Record<string, string>): Promise<Session> {
  const { json } = await httpClient(`${base(sessionId)}/speakers`, {
    method: 'PATCH',
    body: JSON.stringify({ speakers }),
  });
  return json as Session;
}
