import { Entity, Enum, Formula, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '#src/database/base.entity.js';
import { User } from '#src/users/entities/user.entity.js';
import { Workspace } from '#src/workspaces/entities/workspace.entity.js';
import { Meeting } from '#src/meetings/entities/meeting.entity.js';
import type { Rel } from '@mikro-orm/core';

/**
 * `uploading`: an upload's bytes are arriving; `queued`: its audio waits for a worker;
 * `transcribing`: kept or uploaded audio is being transcribed now.
 */
export const SESSION_STATUSES = ['pending', 'uploading', 'queued', 'recording', 'transcribing', 'processing', 'completed', 'error'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What brought the session's words in. */
export const SESSION_SOURCES = ['live', 'upload', 'import'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

/** Why a session ended in `error` (a recording that could not be transcribed), kept in `stats.error`. */
export interface SessionError {
  code: string;
  message: string;
}

export interface SessionStats {
  chunks?: number;
  audioMs?: number;
  segments?: number;
  asr?: string;
  error?: SessionError;
  [key: string]: unknown;
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

/** A transcription session. Named so it does not collide with HTTP or ORM "sessions". */
@Entity({ tableName: 'session' })
@Index({ name: 'session_status_started_idx', expression: 'create index "session_status_started_idx" on "session" ("status", "started_at" desc)' })
export class TranscriptionSession extends BaseEntity<
  'status' | 'source' | 'language' | 'startedAt' | 'endedAt' | 'stats' | 'meeting' | 'title' | 'speakerNames' | 'transcriptEndMs' | 'transcription' | 'contentDeleted' | 'legalHold'
> {
  @Index()
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => Meeting, { nullable: true, deleteRule: 'set null' })
  meeting?: Rel<Meeting>;

  @Index()
  @ManyToOne(() => User)
  user!: User;

  @Property({ type: 'string', length: 300, nullable: true })
  title?: string;

  @Enum({ items: () => [...SESSION_STATUSES] })
  status: SessionStatus = 'pending';

  @Enum({ items: () => [...SESSION_SOURCES], default: 'live' })
  source: SessionSource = 'live';

  @Property({ type: 'string', length: 16, nullable: true })
  language?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  startedAt?: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  endedAt?: Date;

  @Property({ type: 'json', columnType: 'jsonb' })
  stats: SessionStats = {};

  /** Diarization label → display name, set with PATCH /api/sessions/:id/speakers. */
  @Property({ type: 'json', columnType: 'jsonb' })
  speakerNames: Record<string, string> = {};

  /** Where the final transcript ends, in ms of recording: how long the meeting ran, whatever the wall clock between start and finalize says. */
  @Formula((cols) => `(select max(g."end_ms") from "segment" g where g."session_id" = ${cols.id} and g."kind" in ('final', 'corrected'))`, { type: 'double' })
  transcriptEndMs?: number | null;
  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  transcription?: SessionTranscription | null;

  /** Set when the retention run deleted the transcript and what came of it; the row stays as a tombstone. */
  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  contentDeleted?: ContentDeleted | null;

  /** Set while the session itself is under legal hold (PUT /api/sessions/:id/legal-hold); a meeting's hold covers its sessions too. */
  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  legalHold?: SessionLegalHold | null;
}

export interface SessionLegalHold {
  reason: string | null;
  at: string;
  by: string;
}

/** When the session's content was deleted, why, after how many days (the policy then in force), and whether its tasks stayed. */
export interface ContentDeleted {
  at: string;
  reason: 'retention';
  policyDays: number;
  tasksKept: boolean;
}
