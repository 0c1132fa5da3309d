/**
 * The workspace settings schema: the only keys a workspace stores, each typed and bounded.
 * Settings used to take any JSON object; 1 MB in each of hundreds of workspaces, listed at
 * once, took the process down (issue 11). A key is added here, with its bound, before any
 * code reads it.
 */
import { isDeepStrictEqual } from 'node:util';
import { MinaException } from '#src/common/mina.exception.js';
import type { RetentionSetting } from '@mina/contract/retention';
import { isTranslationLanguage, TRANSLATION_LANGUAGES } from '@mina/contract/translation';

/** The same BCP 47 subset sessions accept for their language. */
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** A hundred years: enough for "forever with an end", small enough to stay a sane date. */
export const MAX_RETENTION_DAYS = 36_500;

interface SettingSpec<T> {
  description: string;
  /** Said in the error when a value does not fit. */
  expected: string;
  openApi: { type: 'string' | 'boolean' | 'object'; [key: string]: unknown };
  accepts(value: unknown): value is T;
}

export const WORKSPACE_SETTINGS = {
  language: {
    description: 'Default transcription language of the workspace, a BCP 47 tag such as en or pt-BR',
    expected: 'a BCP 47 tag such as en or pt-BR',
    openApi: { type: 'string' as const, pattern: LANGUAGE.source, maxLength: 12, nullable: true },
    accepts: (value: unknown): value is string => typeof value === 'string' && LANGUAGE.test(value),
  } satisfies SettingSpec<string>,
  summaryLanguage: {
    description: 'The language the AI writes this workspace\'s summaries in (a code of TRANSLATION_LANGUAGES such as fr); unset = the meeting\'s own language. The local fallback cannot translate: its summaries stay in the meeting\'s language and say so.',
    expected: `one of ${TRANSLATION_LANGUAGES.map((l) => l.code).join(', ')}`,
    openApi: { type: 'string' as const, enum: TRANSLATION_LANGUAGES.map((l) => l.code), nullable: true },
    accepts: (value: unknown): value is string => isTranslationLanguage(value),
  } satisfies SettingSpec<string>,
  recordings: {
    description:
      'Whether session audio is kept once transcribed (keep, default true). retentionDays is the former name of retention.audioDays: ' +
      'a value sent here is stored there. Audio not yet transcribed is never deleted. Enforced by the sweep-recordings job, which records what it deleted.',
    expected: '{ keep?: boolean, retentionDays?: whole days from 1 to 36500, or null for forever }',
    openApi: {
      type: 'object' as const,
      nullable: true,
      additionalProperties: false,
      properties: {
        keep: { type: 'boolean' as const, description: 'false: delete the audio as soon as it is transcribed' },
        retentionDays: { type: 'integer' as const, minimum: 1, maximum: MAX_RETENTION_DAYS, nullable: true, deprecated: true, description: 'stored as retention.audioDays' },
      },
    },
    accepts: (value: unknown): value is RecordingsSetting => isRecordingsSetting(value),
  } satisfies SettingSpec<RecordingsSetting>,
  retention: {
    description:
      'Retention policy: transcripts with their summaries, insights and markers are deleted transcriptDays after the session ended, audio audioDays after it was stored, ' +
      'tasks with the transcript unless keepTasks. A field left out follows the instance default (MINA_RETENTION_*); null keeps forever. Sessions of a meeting under legal hold are exempt.',
    expected: '{ transcriptDays?: whole days from 1 to 36500 or null, audioDays?: whole days from 1 to 36500 or null, keepTasks?: boolean }',
    openApi: {
      type: 'object' as const,
      nullable: true,
      additionalProperties: false,
      properties: {
        transcriptDays: { type: 'integer' as const, minimum: 1, maximum: MAX_RETENTION_DAYS, nullable: true, description: 'delete transcripts older than this; null keeps them forever' },
        audioDays: { type: 'integer' as const, minimum: 1, maximum: MAX_RETENTION_DAYS, nullable: true, description: 'delete recordings older than this; null keeps them forever' },
        keepTasks: { type: 'boolean' as const, description: 'false: a session\'s tasks go with its transcript' },
      },
    },
    accepts: (value: unknown): value is RetentionSetting => isRetentionSetting(value),
  } satisfies SettingSpec<RetentionSetting>,
};

/** Per-workspace recording retention (what is missing keeps its default: keep, forever). */
export interface RecordingsSetting {
  keep?: boolean;
  retentionDays?: number | null;
}

export type { RetentionSetting } from '@mina/contract/retention';

/** A number of retention days the settings accept (and the retention runs apply): a whole number from 1 to MAX_RETENTION_DAYS. */
export const isRetentionDays = (days: unknown): days is number => Number.isInteger(days) && (days as number) >= 1 && (days as number) <= MAX_RETENTION_DAYS;
const isDays = (days: unknown): boolean => days === undefined || days === null || isRetentionDays(days);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isRecordingsSetting(value: unknown): value is RecordingsSetting {
  if (!isPlainObject(value)) return false;
  const { keep, retentionDays, ...rest } = value;
  if (Object.keys(rest).length > 0) return false;
  if (keep !== undefined && typeof keep !== 'boolean') return false;
  return isDays(retentionDays);
}

function isRetentionSetting(value: unknown): value is RetentionSetting {
  if (!isPlainObject(value)) return false;
  const { transcriptDays, audioDays, keepTasks, ...rest } = value;
  if (Object.keys(rest).length > 0) return false;
  if (keepTasks !== undefined && typeof keepTasks !== 'boolean') return false;
  return isDays(transcriptDays) && isDays(audioDays);
}

/**
 * `recordings.retentionDays` became `retention.audioDays` (one place says how long audio lives): a
 * client that still sends the old name has it stored under the new one; sent with a different
 * `retention.audioDays` in the same change, it is refused rather than guessed.
 */
function foldRecordingDays(patch: SettingsPatch, current: StoredWorkspaceSettings): SettingsPatch {
  if (!patch.recordings || !Object.hasOwn(patch.recordings, 'retentionDays')) return patch;
  const { retentionDays, ...recordings } = patch.recordings;
  const days = retentionDays ?? null;
  const sent = patch.retention;
  if (sent && sent.audioDays !== undefined && sent.audioDays !== days) {
    throw new MinaException('VALIDATION_FAILED', 'settings.recordings.retentionDays is the former name of settings.retention.audioDays; send one of them', { field: 'settings.recordings.retentionDays' });
  }
  const base = sent === undefined ? (current.retention ?? {}) : (sent ?? {});
  return { ...patch, recordings, retention: { ...base, audioDays: days } };
}

export type SettingKey = keyof typeof WORKSPACE_SETTINGS;

export interface WorkspaceSettings {
  language?: string;
  summaryLanguage?: string;
  recordings?: RecordingsSetting;
  retention?: RetentionSetting;
}

/** What the database may hold: the schema's keys, plus whatever was stored before the schema (still shown, never added to). */
export type StoredWorkspaceSettings = WorkspaceSettings & Record<string, unknown>;

/** A settings change: a value sets a key, null removes it, a missing key stays as it is. */
export type SettingsPatch = { [K in SettingKey]?: WorkspaceSettings[K] | null };

export const SETTING_KEYS = Object.keys(WORKSPACE_SETTINGS) as SettingKey[];

const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(WORKSPACE_SETTINGS, key);

/** The OpenAPI schema of the `settings` object (unknown keys refused). */
export const SETTINGS_OPENAPI = {
  type: 'object' as const,
  additionalProperties: false,
  description: 'Known keys only; null removes a key. Unknown keys are refused with UNKNOWN_SETTING.',
  properties: Object.fromEntries(SETTING_KEYS.map((k) => [k, { ...WORKSPACE_SETTINGS[k].openApi, description: WORKSPACE_SETTINGS[k].description }])),
};

/**
 * Checks a settings change against the schema: UNKNOWN_SETTING for a key it does not know,
 * VALIDATION_FAILED for a value that does not fit. A key sent back exactly as `current` holds
 * it is no change and passes, so a client that PUTs what it read (the admin console does)
 * still works on a workspace that kept settings from before the schema.
 */
export function parseSettingsPatch(input: unknown, current: StoredWorkspaceSettings = {}): SettingsPatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new MinaException('VALIDATION_FAILED', 'settings must be an object', { field: 'settings' });
  }
  const entries = Object.entries(input).filter(([key, value]) => !(Object.hasOwn(current, key) && isDeepStrictEqual(current[key], value)));
  const unknown = entries.map(([key]) => key).filter((key) => !isSettingKey(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 100)));
    throw new MinaException('UNKNOWN_SETTING', `Unknown workspace setting ${shown.join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; known: ${SETTING_KEYS.join(', ')}`, {
      keys: unknown.slice(0, 20).map((k) => k.slice(0, 100)),
      known: SETTING_KEYS,
    });
  }
  const patch: Record<string, unknown> = {};
  for (const [key, value] of entries as [SettingKey, unknown][]) {
    const spec: SettingSpec<unknown> = WORKSPACE_SETTINGS[key];
    if (value !== null && !spec.accepts(value)) {
      throw new MinaException('VALIDATION_FAILED', `settings.${key} must be ${spec.expected}`, { field: `settings.${key}` });
    }
    patch[key] = value;
  }
  return foldRecordingDays(patch, current);
}

/** The stored settings with a checked patch applied. */
export function applySettingsPatch(current: StoredWorkspaceSettings, patch: SettingsPatch): StoredWorkspaceSettings {
  const next: StoredWorkspaceSettings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
