import { useEffect } from 'react';
import { useTranslate } from 'react-admin';
import { useAnnounce } from '../../components/Announcer';
import { isCharacterKey, ownsKey } from '../../keyboard/keys';
import { useCharacterKeys } from '../../keyboard/ShortcutsDialog';
import { PLAYBACK_RATES, type PlayerController } from './playerController';

export const SEEK_STEP_MS = 5_000;

/** The neighbouring rate in PLAYBACK_RATES above or below `rate`, clamped at the ends. */
export function stepRate(rate: number, step: 1 | -1): number {
  if (step > 0) return PLAYBACK_RATES.find((r) => r > rate) ?? PLAYBACK_RATES[PLAYBACK_RATES.length - 1]!;
  return PLAYBACK_RATES.findLast((r) => r < rate) ?? PLAYBACK_RATES[0];
}

/**
 * Space plays/pauses, ←/→ seek 5 s, `<`/`>` change the speed (announced), anywhere on the page
 * except where the key already has a job (inputs, buttons for Space, other sliders, open menus).
 * `<` and `>` are single-character shortcuts: off when the user turned those off.
 */
export function usePlayerShortcuts(controller: PlayerController, enabled: boolean): void {
  const [characterKeys] = useCharacterKeys();
  const announce = useAnnounce();
  const translate = useTranslate();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || ownsKey(e.target, e.key)) return;
      const speed = characterKeys && (isCharacterKey(e, '<') || isCharacterKey(e, '>'));
      if (speed) {
        e.preventDefault();
        const rate = stepRate(controller.getState().rate, e.key === '>' ? 1 : -1);
        controller.setRate(rate);
        announce(translate('mina.keyboard.speed', { rate }));
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.repeat && e.key === ' ') return;
      if (e.key !== ' ' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      if (e.key === ' ') void controller.toggle().catch(() => undefined);
      else void controller.skip(e.key === 'ArrowLeft' ? -SEEK_STEP_MS : SEEK_STEP_MS);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller, enabled, characterKeys, announce, translate]);
}
