import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../i18n';
import type { StageInfo, StageName } from '../types';
import { pipelineAnnouncement, stageAnnouncement } from './stageAnnouncements';

const translate = i18nProvider.translate;

describe('stageAnnouncement', () => {
  it.each<[StageName, StageInfo, string | null]>([
    ['summary', { status: 'ready' }, 'Summary ready'],
    ['tasks', { status: 'failed', error: 'LLM timed out' }, 'Tasks failed: LLM timed out'],
    ['tasks', { status: 'failed' }, 'Tasks failed'],
    ['analytics', { status: 'running' }, 'Analytics: started'],
    ['refinement', { status: 'skipped' }, 'Refinement skipped'],
    ['summary', { status: 'pending' }, null],
    ['summary', { status: 'waiting' }, null],
  ])('%s %o → %s', (stage, info, expected) => {
    expect(stageAnnouncement(stage, info, translate)).toBe(expected);
  });
});

describe('pipelineAnnouncement', () => {
  it.each<[string, unknown, string | null]>([
    ['summary_ready', {}, 'Summary ready'],
    ['tasks_failed', { error: 'no JSON' }, 'Tasks failed: no JSON'],
    ['refinement_started', undefined, 'Refinement: started'],
    ['post_transcription_reveal', {}, 'Insights revealed'],
    ['session_finalized', {}, 'Session finalized'],
    ['dashboard_refresh', {}, null],
  ])('%s → %s', (event, data, expected) => {
    expect(pipelineAnnouncement(event, data, translate)).toBe(expected);
  });
});
