/* The post-meeting pipeline as clients see it: its stages, their states, the events it emits. */

export const STAGES = ['refinement', 'analytics', 'tasks', 'summary'] as const;
export type StageName = (typeof STAGES)[number];

export const STAGE_STATUSES = ['pending', 'waiting', 'running', 'ready', 'skipped', 'failed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** What the pipeline emits besides its stages' `<stage>_<outcome>` events. */
export const PIPELINE_EVENTS = [
  'session_finalized',
  'refinement_started',
  'refinement_ready',
  'analytics_started',
  'analytics_ready',
  'tasks_started',
  'tasks_ready',
  'summary_started',
  'summary_ready',
  'post_transcription_reveal',
  'dashboard_refresh',
] as const satisfies readonly (
  | `${StageName}_${'started' | 'ready'}`
  | 'session_finalized'
  | 'post_transcription_reveal'
  | 'dashboard_refresh'
)[];

export type StageEvent = `${StageName}_${'started' | 'ready' | 'skipped' | 'failed'}`;
export type PipelineEventName =
  'session_finalized' | StageEvent | 'post_transcription_reveal' | 'dashboard_refresh';
