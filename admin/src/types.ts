// Records as the Mina API returns them (see docs/contract.md).
import type { WorkspaceRole } from '@mina/contract/records';
export type { WorkspaceRole } from '@mina/contract/records';
export type { MembershipView as Membership, MeView as Me, UserView as User } from '@mina/contract/views';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  target: string;
  ip: string | null;
  data: unknown;
}

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  /** Only GET /api/workspaces/:id carries it; the list returns summaries. */
  settings?: Record<string, unknown> | null;
  role: WorkspaceRole | null;
  createdAt: string;
}

export interface Member {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: WorkspaceRole;
  createdAt: string;
  /** Added by the data provider so updates and deletes know their URL. */
  workspaceId: string;
  /** Added by the data provider: the caller's own role in that workspace. */
  callerRole: WorkspaceRole | null;
}

export type MeetingStatus = 'draft' | 'scheduled' | 'live' | 'completed' | 'cancelled';

export interface Participant {
  userId: string | null;
  name: string | null;
  email: string | null;
  role: string;
  status: string;
}

export interface Meeting {
  id: string;
  title: string;
  description: string | null;
  status: MeetingStatus;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  organizerId: string | null;
  sessionId: string | null;
  participants: Participant[];
  createdAt: string;
}

export type SessionStatus =
  'pending' | 'uploading' | 'queued' | 'recording' | 'transcribing' | 'processing' | 'completed' | 'error';

/** Where a session's words came from: the live console, an uploaded recording, an imported transcript. */
export type SessionSource = 'live' | 'upload' | 'import';

/** Present while a session's audio was kept but not transcribed (or is being transcribed now). */
export interface SessionTranscription {
  state: 'not_transcribed' | 'transcribing';
  reason: 'NO_ASR' | string;
  untranscribedAudioMs: number;
}

/** GET /api/speech-recognition: whether the server has a speech recognizer. */
export interface SpeechRecognition {
  configured: boolean;
  provider: string;
  model?: string;
  message?: string;
}

export interface Session {
  id: string;
  title: string | null;
  status: SessionStatus;
  language: string | null;
  meetingId: string | null;
  userId: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Recorded length (audio, else transcript); null when there is neither yet. */
  durationMs?: number | null;
  stats: Record<string, unknown> | null;
  speakerNames: Record<string, string> | null;
  createdAt: string;
  transcription?: SessionTranscription;
  source?: SessionSource;
  /** Uploads being transcribed: the fraction done, 0..1. */
  progress?: number | null;
  /** Uploads waiting for a worker: their place in line (1 = next). */
  queuePosition?: number | null;
  /** GET one session: whether it has a recording to play, or why not (the audio routes' reason codes). */
  recording?: RecordingSummary;
}

export type RecordingSummary =
  | { available: true; durationMs: number; contentType: string }
  | { available: false; code: string; reason: string; deletedAt?: string };

export interface Segment {
  id: string;
  seq?: number | null;
  kind: 'interim' | 'final' | 'corrected';
  text: string;
  refinedText?: string | null;
  /** The display name (the session's rename of the label, else the label). */
  speaker: string | null;
  /** The diarization label the segment was recorded with; renames key on it. */
  speakerLabel?: string | null;
  startMs: number;
  endMs: number;
  confidence: number | null;
  language: string | null;
}

export type StageState = 'pending' | 'waiting' | 'running' | 'ready' | 'skipped' | 'failed';
export type StageName = 'refinement' | 'analytics' | 'tasks' | 'summary';
export const STAGES: readonly StageName[] = ['refinement', 'analytics', 'tasks', 'summary'];

export interface StageStatus {
  status: StageState;
  error?: string;
  /** Why a skipped stage did not run (NO_ASR: the audio was not transcribed). */
  reason?: string;
}

/** A key point, decision, risk or open question, attributed and anchored in the transcript. */
export interface SummaryItem {
  text: string;
  speaker?: string | null;
  atMs?: number | null;
}

export interface Summary {
  overview: string;
  keyPoints: SummaryItem[];
  decisions: SummaryItem[];
  risks: SummaryItem[];
  questions: SummaryItem[];
  model: string | null;
  fallbackUsed: boolean;
}

export interface TalkTime {
  speaker: string;
  talkMs: number;
  share: number;
  words: number;
  turns: number;
}

export interface Analytics {
  talkTime: TalkTime[];
  wordsPerMinute: number | null;
  turns: number | null;
  sentiment: unknown;
  engagement: unknown;
  topics: unknown;
  details: unknown;
}

export type TaskStatus = 'open' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
export type TaskPriority = 'low' | 'medium' | 'high' | 'urgent';
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'blocked', 'done', 'cancelled'];
export const TASK_PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high', 'urgent'];

export interface Task {
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
  evidence?: string | null;
  createdById: string | null;
  completedAt: string | null;
  createdAt: string;
}

/** GET /api/sessions/:id/audio/metadata. */
export interface AudioMetadata {
  durationMs: number;
  contentType: string;
  sizeBytes: number;
  sampleRate: number;
  channels: number;
  format?: string;
  /** 0..1, evenly spread over the duration. */
  peaks: number[];
}

/** POST /api/sessions/:id/audio-url: a signed URL an <audio> element loads without headers. */
export interface AudioUrl {
  url: string;
  expiresAt: string;
}

export interface Insights {
  sessionId: string;
  status: SessionStatus;
  transcription?: SessionTranscription;
  stages: Record<StageName, StageStatus>;
  transcript: Segment[];
  summary: Summary | null;
  tasks: Task[];
  analytics: Analytics | null;
}

export interface DeadLetter {
  id: string;
  queue: string;
  jobName: string;
  sessionId: string | null;
  error: string | null;
  stack: string | null;
  attempts: number;
  data: unknown;
  failedAt: string;
  createdAt: string;
}

export type SloWindow = '1h' | '24h' | '7d';
export const SLO_WINDOWS: readonly SloWindow[] = ['1h', '24h', '7d'];
export type SloState = 'ok' | 'warning' | 'breach' | 'no_data';

export interface Slo {
  id: string;
  name: string;
  description: string | null;
  target: number;
  current: number | null;
  errorBudgetRemaining: number | null;
  burnRate: number | null;
  state: SloState;
  unit: string | null;
  series: { t: string; value: number | null }[];
}

export type BreakerState = 'closed' | 'half_open' | 'half-open' | 'open';

export interface MetricSeries {
  latency: { t: string; p50: number | null; p95: number | null; p99: number | null }[];
  availability: { t: string; value: number | null }[];
  queueDepth: { t: string; queue: string; value: number }[];
  breakers: { t: string; name: string; state: BreakerState | string }[];
}

export interface Backup {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  status: string;
  verifiedAt: string | null;
  kind: string;
}

export interface BackupVerification {
  ok: boolean;
  problems: string[];
}
