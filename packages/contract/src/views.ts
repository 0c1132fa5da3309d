/*
 * The records the REST API answers with, as the server builds them and the console reads them.
 * `T` is how a timestamp is typed: the server's services build views with `Date` (`UserView<Date>`),
 * JSON carries ISO 8601 strings, which is what clients see (`UserView`, T = string).
 */
import type { StageName, StageStatus } from './pipeline.js';
import type {
  MeetingStatus,
  SessionError,
  SessionSource,
  SessionStatus,
  SessionTranscription,
  TaskPriority,
  TaskStatus,
  WorkspaceRole,
} from './records.js';
import type { PackedRules } from './roles.js';
import type { SummarySectionView, SummaryTemplateRef } from './templates.js';

export interface UserView<T = string> {
  id: string;
  email: string;
  name: string;
  isActive: boolean;
  isInstanceAdmin: boolean;
  lastLoginAt: T | null;
  createdAt: T;
}

export interface MembershipView {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: WorkspaceRole;
  /** What the caller may do in this workspace: the server's own ability, packed (`unpackAbility`). */
  rules: PackedRules;
}

/** GET /api/me. */
export interface MeView<T = string> extends UserView<T> {
  memberships: MembershipView[];
  /** What the caller may do in a workspace they are not a member of (instance admins act as admins there; others: nothing). */
  rules: PackedRules;
}

export interface WorkspaceSummary<T = string> {
  id: string;
  name: string;
  slug: string;
  /** The caller's role in it; null where an instance admin is no member. */
  role: WorkspaceRole | null;
  createdAt: T;
}

/** GET /api/workspaces/:id; the list answers summaries. */
export interface WorkspaceView<T = string> extends WorkspaceSummary<T> {
  /** The workspace settings schema's keys (src/workspaces/workspace-settings.ts), plus any stored before it. */
  settings: Record<string, unknown>;
}

export interface MemberView<T = string> {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  createdAt: T;
}

export interface ParticipantView {
  userId: string;
  name: string;
  email: string;
  role: string;
  status: string;
}

export interface MeetingView {
  id: string;
  title: string;
  description: string | null;
  status: MeetingStatus;
  /** ISO 8601, as on the wire. */
  scheduledStart: string | null;
  scheduledEnd: string | null;
  organizerId: string;
  sessionId: string | null;
  participants: ParticipantView[];
  /** Under legal hold: no retention deletes anything of it (PUT …/legal-hold). */
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  legalHoldBy: string | null;
  /** The summary template chosen for this meeting; null follows the workspace default. */
  templateId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Whether a session has a recording to play, or why not (the audio routes' reason codes). */
export type RecordingSummary =
  | { available: true; durationMs: number; contentType: string }
  | { available: false; code: string; reason: string; deletedAt?: string };

export interface SessionView<T = string> {
  id: string;
  title: string | null;
  status: SessionStatus;
  source: SessionSource;
  language: string | null;
  meetingId: string | null;
  userId: string;
  startedAt: T | null;
  endedAt: T | null;
  /** Recorded length: the audio the session transcribed, else where its transcript ends; null when it has neither. */
  durationMs: number | null;
  stats: Record<string, unknown>;
  speakerNames: Record<string, string>;
  createdAt: T;
  /** Present while the session has audio that was kept but not (yet) transcribed. */
  transcription?: SessionTranscription;
  /** GET /api/sessions/:id while a stored recording is `transcribing`: the fraction done (0..1). */
  progress?: number;
  /** GET /api/sessions/:id while `queued`: the place among recordings waiting for a worker (1 = next). */
  queuePosition?: number;
  /** Why the session is `error` (a recording that could not be transcribed). */
  error?: SessionError;
  /** GET /api/sessions/:id: whether there is a recording to play, or why not. */
  recording?: RecordingSummary;
  /** The retention policy deleted the transcript, summary, insights and markers (and tasks unless kept): when, why, after how many days. */
  contentDeleted?: ContentDeleted;
  /** Under legal hold: no retention deletes anything of it (a held meeting covers its sessions too; PUT …/legal-hold). */
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  legalHoldBy: string | null;
}

/** What the retention policy left of a session whose content it deleted. */
export interface ContentDeleted {
  at: string;
  reason: 'retention';
  policyDays: number;
  tasksKept: boolean;
}

export interface SegmentView {
  id: string;
  seq: number;
  kind: 'interim' | 'final' | 'corrected';
  text: string;
  refinedText: string | null;
  /** The display name (the session's rename of the label, else the label). */
  speaker: string | null;
  /** The diarization label the segment was recorded with; renames key on it. */
  speakerLabel: string | null;
  startMs: number;
  endMs: number;
  confidence: number | null;
  language: string | null;
}

export interface TaskView {
  id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  assignedToId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  dependsOnId: string | null;
  sessionId: string | null;
  meetingId: string | null;
  sourceStartMs: number | null;
  evidence: string | null;
  extracted: boolean;
  createdById: string;
  /** ISO 8601, as on the wire. */
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StageView<T = string> {
  status: StageStatus;
  error?: string;
  /** Why a `skipped` stage did not run (e.g. NO_ASR: the audio was not transcribed). */
  reason?: string;
  fallbackUsed: boolean;
  /** The AI provider (MINA_LLM_PROVIDERS name) that produced the stage; null when the local fallback ran or no LLM call was made. */
  provider: string | null;
  attempts: number;
  startedAt: T | null;
  finishedAt: T | null;
}

/** A key point, decision, risk or open question, attributed and anchored in the transcript. */
export interface SummaryItem {
  text: string;
  speaker?: string;
  atMs?: number;
}

export interface SummaryView<T = string> {
  overview: string;
  keyPoints: SummaryItem[];
  decisions: SummaryItem[];
  risks: SummaryItem[];
  questions: SummaryItem[];
  /** The summary template it was written with (null: written before templates). */
  template: SummaryTemplateRef | null;
  /** The template's sections, in its order. */
  sections: SummarySectionView[];
  model: string | null;
  /** The AI provider (MINA_LLM_PROVIDERS name) that wrote it; null for the local fallback. */
  provider: string | null;
  fallbackUsed: boolean;
  /** The language the summary was written in at the workspace's request (settings.summaryLanguage); null = the meeting's own language. */
  language: string | null;
  /** The language the workspace asked for when the summary was made, even when it could not be honoured (the local fallback does not translate). */
  requestedLanguage: string | null;
  updatedAt: T;
}

export interface SpeakerTalkTime {
  speaker: string;
  talkMs: number;
  share: number;
  words: number;
  turns: number;
}

export const INSIGHT_STATUSES = ['pending', 'running', 'ready', 'failed'] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

export interface AnalyticsView<T = string> {
  status: InsightStatus;
  talkTime: SpeakerTalkTime[];
  wordsPerMinute: number | null;
  turns: number | null;
  sentiment: number | null;
  engagement: number | null;
  topics: string[];
  details: Record<string, unknown>;
  updatedAt: T;
}

/** GET /api/sessions/:id/insights. */
export interface InsightsView<T = string> {
  sessionId: string;
  status: SessionStatus;
  /** Present while the session's audio was kept but not transcribed: then there are no insights. */
  transcription?: SessionTranscription;
  /** True when any stage ran on the local fallback instead of the LLM. */
  fallbackUsed: boolean;
  stages: Record<StageName, StageView<T>>;
  transcript: SegmentView[];
  summary: SummaryView<T> | null;
  tasks: TaskView[];
  analytics: AnalyticsView<T> | null;
}

export interface AuditView<T = string> {
  id: string;
  at: T;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  target: string | null;
  workspaceId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

export interface DeadLetterView<T = string> {
  id: string;
  queue: string;
  jobName: string;
  jobId: string;
  sessionId: string | null;
  workspaceId: string | null;
  error: string;
  stack: string | null;
  attempts: number;
  data: Record<string, unknown>;
  failedAt: T;
  createdAt: T;
}

/** GET /api/sessions/:id/audio/metadata. */
export interface AudioMetadata {
  durationMs: number;
  contentType: string;
  sizeBytes: number;
  sampleRate: number;
  channels: number;
  format: string;
  /** Loudness 0..1 per bucket, `peakBucketMs` of audio each. */
  peaks: number[];
  peakBucketMs: number;
}

/** POST /api/sessions/:id/audio-url: a signed URL an <audio> element loads without headers. */
export interface AudioUrl {
  url: string;
  expiresAt: string;
}

export type SloWindow = '1h' | '24h' | '7d';
export const SLO_WINDOWS = ['1h', '24h', '7d'] as const satisfies readonly SloWindow[];
export type SloState = 'ok' | 'warning' | 'breach' | 'no_data';

/** One point of a series: `t` in epoch milliseconds. */
export interface SeriesValue {
  t: number;
  value: number | null;
}

/** GET /api/admin/slo: each SLO over the window. */
export interface SloView {
  id: string;
  name: string;
  description: string;
  target: number;
  current: number | null;
  errorBudgetRemaining: number;
  burnRate: number;
  state: SloState;
  unit: '%' | 'ms' | 's';
  /** Share of events that must be good (0.999, 0.95 …) and the events the window saw. */
  objective: number;
  events: { total: number; bad: number };
  series: SeriesValue[];
}

/** GET /api/admin/metrics/series. */
export interface MetricsSeriesView {
  latency: { t: number; p50: number | null; p95: number | null; p99: number | null }[];
  availability: SeriesValue[];
  queueDepth: { t: number; queue: string; value: number }[];
  breakers: { t: number; name: string; state: string }[];
}

export type BackupStatus = 'queued' | 'running' | 'completed' | 'failed';
/** The database the backup was taken from. */
export type BackupKind = 'postgresql' | 'pglite';

/** GET /api/admin/backups. */
export interface BackupListItem {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  status: BackupStatus;
  verifiedAt: string | null;
  kind: BackupKind;
}

/** POST /api/admin/backups/:id/verify. */
export interface BackupVerification {
  id: string;
  ok: boolean;
  problems: string[];
  verifiedAt: string | null;
  durationMs: number;
}
