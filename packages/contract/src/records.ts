/*
 * The states and kinds of the records the API serves: the server's entities enumerate them from
 * here, the console renders them from here.
 */

/** A workspace role, highest first. */
export const WORKSPACE_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'completed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * `uploading`: an upload's bytes are arriving; `queued`: its audio waits for a worker;
 * `transcribing`: kept or uploaded audio is being transcribed now.
 */
export const SESSION_STATUSES = [
  'pending',
  'uploading',
  'queued',
  'recording',
  'transcribing',
  'processing',
  'completed',
  'error',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What brought the session's words in: the live console, an uploaded recording, an imported transcript. */
export const SESSION_SOURCES = ['live', 'upload', 'import'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

/** Why a session ended in `error` (a recording that could not be transcribed). */
export interface SessionError {
  code: string;
  message: string;
}

/** Why a session's audio was not transcribed. */
export const UNTRANSCRIBED_REASONS = ['NO_ASR'] as const;
export type UntranscribedReason = (typeof UNTRANSCRIBED_REASONS)[number];

/**
 * Set while the session has audio that was kept but not transcribed (`not_transcribed`), and
 * while that audio is being transcribed (`transcribing`); absent once everything was transcribed.
 */
export interface SessionTranscription {
  state: 'not_transcribed' | 'transcribing';
  reason: UntranscribedReason;
  untranscribedAudioMs: number;
}

export const TASK_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
