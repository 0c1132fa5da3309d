import type { MinaConfig } from '#src/config/config.js';
import type { PolicySource, ResolvedPolicy, RetentionDefaults } from '@mina/contract/retention';
import { isRetentionDays, MAX_RETENTION_DAYS, type StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';

/**
 * A workspace's retention policy as the runs apply it: its own `retention` setting field by
 * field, the instance default (MINA_RETENTION_*) for what it leaves out. Pure, so the table-driven
 * tests cover every mix; the audio sweep's SQL mirrors `audioDays` (see audioDaysSql).
 */

export type { ResolvedPolicy, RetentionDefaults } from '@mina/contract/retention';

export const DAY_MS = 86_400_000;

export const retentionDefaults = (config: Pick<MinaConfig, 'retentionTranscriptDays' | 'retentionAudioDays' | 'retentionKeepTasks'>): RetentionDefaults => ({
  transcriptDays: config.retentionTranscriptDays,
  audioDays: config.retentionAudioDays,
  keepTasks: config.retentionKeepTasks,
});

/** A workspace value when it is one the schema accepts (null included: forever), else the instance's. */
function days(stored: Record<string, unknown>, key: 'transcriptDays' | 'audioDays', fallback: number | null): [number | null, PolicySource] {
  const value = stored[key];
  if (value === null) return [null, 'workspace'];
  if (isRetentionDays(value)) return [value, 'workspace'];
  return [fallback, 'instance'];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function resolvePolicy(settings: Pick<StoredWorkspaceSettings, 'retention' | 'recordings'> | null | undefined, defaults: RetentionDefaults): ResolvedPolicy {
  const retention: Record<string, unknown> = isObject(settings?.retention) ? settings.retention : {};
  const recordings: Record<string, unknown> = isObject(settings?.recordings) ? settings.recordings : {};
  const [transcriptDays, transcriptSource] = days(retention, 'transcriptDays', defaults.transcriptDays);
  const [audioDays, audioSource] = days(retention, 'audioDays', defaults.audioDays);
  const keepTasks = typeof retention.keepTasks === 'boolean' ? retention.keepTasks : defaults.keepTasks;
  return {
    transcriptDays,
    audioDays,
    keepTasks,
    keepAudio: recordings.keep !== false,
    source: { transcriptDays: transcriptSource, audioDays: audioSource, keepTasks: typeof retention.keepTasks === 'boolean' ? 'workspace' : 'instance' },
  };
}

/** What is at or before this instant is due under `days` at `now`; null when nothing ever is. */
export const cutoff = (now: Date, days: number | null): Date | null => (days === null ? null : new Date(now.getTime() - days * DAY_MS));

/**
 * `resolvePolicy(...).audioDays` in SQL over the workspace row aliased `w` (isRetentionDays, where
 * the query must narrow, in the database): a valid number of days,
 * JSON null (forever), or anything else (the instance default, bound twice: `audioDaysParams`).
 * Nested CASEs, because AND does not promise to test the type before the cast.
 */
export const AUDIO_DAYS_SQL = (() => {
  const value = `w."settings"->'retention'->'audioDays'`;
  return `(case jsonb_typeof(${value}) when 'null' then null
      when 'number' then (case when (${value})::numeric between 1 and ${MAX_RETENTION_DAYS} and (${value})::numeric = trunc((${value})::numeric) then (${value})::float8 else ?::float8 end)
      else ?::float8 end)`;
})();

export const audioDaysParams = (defaults: RetentionDefaults): [number | null, number | null] => [defaults.audioDays, defaults.audioDays];
