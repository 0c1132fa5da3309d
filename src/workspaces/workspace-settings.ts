/**
 * The workspace settings schema: the only keys a workspace stores, each typed and bounded.
 * Settings used to take any JSON object; 1 MB in each of hundreds of workspaces, listed at
 * once, took the process down (issue 11). A key is added here, with its bound, before any
 * code reads it.
 */
import { isDeepStrictEqual } from 'node:util';
import { MinaException } from '#src/common/mina.exception.js';

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
  recordings: {
    description:
      'Whether session audio is kept once transcribed (keep, default true) and for how many days (retentionDays, default null: forever). ' +
      'Audio not yet transcribed is never deleted. Enforced by the sweep-recordings job, which records what it deleted.',
    expected: '{ keep?: boolean, retentionDays?: whole days from 1 to 36500, or null for forever }',
    openApi: {
      type: 'object' as const,
      nullable: true,
      additionalProperties: false,
      properties: {
        keep: { type: 'boolean' as const, description: 'false: delete the audio as soon as it is transcribed' },
        retentionDays: { type: 'integer' as const, minimum: 1, maximum: MAX_RETENTION_DAYS, nullable: true, description: 'delete recordings older than this; null keeps them forever' },
      },
    },
    accepts: (value: unknown): value is RecordingsSetting => isRecordingsSetting(value),
  } satisfies SettingSpec<RecordingsSetting>,
};

/** Per-workspace recording retention (what is missing keeps its default: keep, forever). */
export interface RecordingsSetting {
  keep?: boolean;
  retentionDays?: number | null;
}

function isRecordingsSetting(value: unknown): value is RecordingsSetting {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { keep, retentionDays, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (keep !== undefined && typeof keep !== 'boolean') return false;
  return retentionDays === undefined || retentionDays === null || (Number.isInteger(retentionDays) && (retentionDays as number) >= 1 && (retentionDays as number) <= MAX_RETENTION_DAYS);
}

export type SettingKey = keyof typeof WORKSPACE_SETTINGS;

export interface WorkspaceSettings {
  language?: string;
  recordings?: RecordingsSetting;
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
  return patch;
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
