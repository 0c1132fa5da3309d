import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** How long the transcript leaves the user's own scrolling alone. */
export const FOLLOW_PAUSE_MS = 5_000;
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown']);

/**
 * Keeps the playing segment in view inside `container` without fighting the reader: a wheel,
 * touch, scrollbar drag or scroll key there pauses following for a few seconds. Only the
 * container scrolls (never the page), and only when the segment leaves its middle band.
 */
export function useFollowScroll(
  container: RefObject<HTMLElement | null>,
  itemOf: (id: string) => HTMLElement | undefined,
  activeId: string | null,
  following: boolean,
) {
  const [paused, setPaused] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const mark = () => {
      setPaused(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setPaused(false), FOLLOW_PAUSE_MS);
    };
    // A pointer down on the container itself (not a line in it) is its scrollbar.
    const onPointer = (e: PointerEvent) => {
      if (e.target === el) mark();
    };
    const onKey = (e: KeyboardEvent) => {
      if (SCROLL_KEYS.has(e.key)) mark();
    };
    el.addEventListener('wheel', mark, { passive: true });
    el.addEventListener('touchmove', mark, { passive: true });
    el.addEventListener('pointerdown', onPointer);
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('wheel', mark);
      el.removeEventListener('touchmove', mark);
      el.removeEventListener('pointerdown', onPointer);
      el.removeEventListener('keydown', onKey);
      clearTimeout(timer.current);
    };
  }, [container]);

  const scrollTo = useCallback(
    (id: string, force: boolean) => {
      const box = container.current;
      const item = itemOf(id);
      if (!box || !item) return;
      const top = item.offsetTop - box.scrollTop;
      const inBand = top >= box.clientHeight * 0.1 && top + item.offsetHeight <= box.clientHeight * 0.75;
      if (inBand && !force) return;
      box.scrollTo({ top: item.offsetTop - box.clientHeight / 3, behavior: 'smooth' });
    },
    [container, itemOf],
  );

  useEffect(() => {
    if (following && !paused && activeId) scrollTo(activeId, false);
  }, [activeId, following, paused, scrollTo]);

  const resume = useCallback(() => {
    clearTimeout(timer.current);
    setPaused(false);
    if (activeId) scrollTo(activeId, true);
  }, [activeId, scrollTo]);

  return { paused: paused && following, resume };
}
