import { useEffect } from 'react';
import { inDialog, isAltShift, isTextEntry } from '../keyboard/keys';
import { RECORD_KEY, STOP_KEY } from '../keyboard/shortcuts';

/**
 * Alt+Shift+R starts and Alt+Shift+S stops the recording from anywhere on the live page except a
 * text field or a dialog. Two keys rather than one toggle, so that a stray press cannot stop a
 * meeting; Alt+Shift with a letter is taken neither by browsers nor by screen readers.
 */
export function useRecordingShortcuts(actions: {
  start: (() => void) | null;
  stop: (() => void) | null;
}): void {
  const { start, stop } = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target) || inDialog(e.target)) return;
      const action = isAltShift(e, RECORD_KEY.code) ? start : isAltShift(e, STOP_KEY.code) ? stop : undefined;
      if (action === undefined) return;
      e.preventDefault();
      action?.();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [start, stop]);
}
