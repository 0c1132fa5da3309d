import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../providers/errors';
import { getAudioUrl } from './playbackApi';
import type { PlayerController } from './playerController';

/** Fetch a new URL this long before the old one expires. */
const REFRESH_AHEAD_MS = 30_000;
/** Element failures in a row (without ever playing in between) before giving up. */
const MAX_FAILURES = 2;

interface Signed {
  url: string;
  expiresAt: number;
}

/**
 * Feeds the <audio> element a signed URL (an element cannot send a Bearer header) and keeps it
 * valid: a fresh URL is fetched ahead of expiry and swapped in while paused, and an element error
 * (an expired URL answers 403) swaps in a fresh one at the same position, playing on if it was.
 */
export function useSignedAudio(sessionId: string, enabled: boolean, controller: PlayerController) {
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Signed | null>(null);
  const pending = useRef<Promise<Signed> | null>(null);
  const failures = useRef(0);

  const fetchUrl = useCallback((): Promise<Signed> => {
    pending.current ??= getAudioUrl(sessionId).finally(() => {
      pending.current = null;
    });
    return pending.current;
  }, [sessionId]);

  /** Points the element at `signed`, keeping the position and whether it was playing. */
  const apply = useCallback(
    (signed: Signed, resume: { atMs: number; playing: boolean } | null) => {
      current.current = signed;
      const audio = controller.element;
      if (!audio) return;
      audio.src = signed.url;
      if (!resume) return;
      const restore = () => {
        audio.currentTime = resume.atMs / 1000;
        if (resume.playing) void audio.play().catch(() => undefined);
      };
      audio.addEventListener('loadedmetadata', restore, { once: true });
      audio.load();
    },
    [controller],
  );

  const refresh = useCallback(
    async (keepPlaying: boolean) => {
      const audio = controller.element;
      // After a network error `paused` may still be false or already true: the store saw the last real state.
      const playing = keepPlaying && (controller.getState().playing || (audio ? !audio.paused : false));
      const resume = audio ? { atMs: audio.currentTime * 1000, playing } : null;
      const signed = await fetchUrl();
      apply(signed, resume);
    },
    [apply, controller, fetchUrl],
  );

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    failures.current = 0;
    setError(null);
    fetchUrl()
      .then((signed) => {
        if (!cancelled) apply(signed, null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [enabled, fetchUrl, apply]);

  // Before play or seek: an expired (or nearly expired) URL is replaced first.
  useEffect(() => {
    if (!enabled) return;
    controller.beforeUse = async () => {
      const signed = current.current;
      if (signed && signed.expiresAt - Date.now() < 5_000) await refresh(false);
    };
    return () => {
      controller.beforeUse = null;
    };
  }, [enabled, controller, refresh]);

  // Ahead of expiry: swap while paused; while playing, the element keeps its buffer and an error swaps later.
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      const signed = current.current;
      const audio = controller.element;
      if (!signed || !audio || !audio.paused) return;
      if (signed.expiresAt - Date.now() < REFRESH_AHEAD_MS) void refresh(false).catch(() => undefined);
    }, 5_000);
    return () => clearInterval(timer);
  }, [enabled, controller, refresh]);

  const onElementError = useCallback(() => {
    const audio = controller.element;
    if (!audio || !current.current) return;
    failures.current += 1;
    if (failures.current > MAX_FAILURES) {
      setError(audio.error?.message || `media error ${audio.error?.code ?? ''}`.trim());
      return;
    }
    void refresh(true).catch((e: unknown) => setError(errorMessage(e)));
  }, [controller, refresh]);

  const onElementPlaying = useCallback(() => {
    failures.current = 0;
    setError(null);
  }, []);

  return { error, onElementError, onElementPlaying };
}
