// Records as the Mina API returns them: the server's own views (packages/contract/src/views.ts).
import type { WorkspaceRole } from '@mina/contract/records';
import type { MemberView, StageView, WorkspaceSummary, WorkspaceView } from '@mina/contract/views';

export { STAGES, type StageName, type StageStatus as StageState } from '@mina/contract/pipeline';
export {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type MeetingStatus,
  type SessionSource,
  type SessionStatus,
  type SessionTranscription,
  type TaskPriority,
  type TaskStatus,
  type WorkspaceRole,
} from '@mina/contract/records';
export type { AsrInfo as SpeechRecognition } from '@mina/contract/socket';
export type {
  AnalyticsView as Analytics,
  AudioMetadata,
  AudioUrl,
  AuditView as AuditEntry,
  DeadLetterView as DeadLetter,
  InsightsView as Insights,
  MeetingView as Meeting,
  MembershipView as Membership,
  MeView as Me,
  ParticipantView as Participant,
  RecordingSummary,
  SegmentView as Segment,
  SessionView as Session,
  SpeakerTalkTime as TalkTime,
  SummaryItem,
  SummaryView as Summary,
  TaskView as Task,
  UserView as User,
} from '@mina/contract/views';

/** What the console shows of a stage; live pipeline events update it between fetches of the insights. */
export type StageInfo = Pick<StageView, 'status' | 'error' | 'reason'>;

/** GET /api/workspaces/:id carries the settings; the list answers summaries. */
export type Workspace = WorkspaceSummary & Partial<Pick<WorkspaceView, 'settings'>>;

export interface Member extends MemberView {
  /** Added by the data provider so updates and deletes know their URL. */
  workspaceId: string;
  /** Added by the data provider: the caller's own role in that workspace. */
  callerRole: WorkspaceRole | null;
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
