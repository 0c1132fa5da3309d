import { useEffect, useRef } from 'react';
import { useTranslate, type TranslateFunction } from 'react-admin';
import { useAnnounce } from '../components/Announcer';
import { STAGES, type StageInfo, type StageName } from '../types';
import { stageFromEvent } from './useSessionLive';

/** What a screen reader hears when a stage changes: "Summary ready", "Tasks failed: …"; null for quiet states. */
export function stageAnnouncement(
  stage: StageName,
  info: StageInfo,
  translate: TranslateFunction,
): string | null {
  const name = translate(`mina.stage.${stage}`);
  switch (info.status) {
    case 'running':
    case 'ready':
      return translate(`mina.keyboard.stage.${info.status}`, { stage: name });
    case 'skipped':
      return info.reason
        ? translate('mina.keyboard.stage.skipped_because', {
            stage: name,
            reason: translate(`mina.transcription.reason.${info.reason}`, { _: info.reason }),
          })
        : translate('mina.keyboard.stage.skipped', { stage: name });
    case 'failed':
      return info.error
        ? translate('mina.keyboard.stage.failed_because', { stage: name, error: info.error })
        : translate('mina.keyboard.stage.failed', { stage: name });
    case 'pending':
    case 'waiting':
      return null;
  }
}

/** A pipeline socket event as the live page announces it (stage events like the session page). */
export function pipelineAnnouncement(
  event: string,
  data: unknown,
  translate: TranslateFunction,
): string | null {
  const stage = stageFromEvent(event, data);
  if (stage) return stageAnnouncement(stage[0], stage[1], translate);
  if (event === 'dashboard_refresh') return null;
  return translate(`mina.pipeline_event.${event}`, { _: event });
}

/**
 * Announces each stage whose state changed since the last render (from the socket or from a
 * refetch alike); the states on first sight are what the page shows, not news.
 */
export function useStageAnnouncements(stages: Record<StageName, StageInfo>): void {
  const translate = useTranslate();
  const announce = useAnnounce();
  const seen = useRef<Record<StageName, StageInfo> | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = stages;
    if (!before) return;
    for (const stage of STAGES) {
      if (before[stage].status === stages[stage].status) continue;
      const message = stageAnnouncement(stage, stages[stage], translate);
      if (message) announce(message);
    }
  }, [stages, translate, announce]);
}
