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
export { SLO_WINDOWS, type SloState, type SloWindow } from '@mina/contract/views';
export type {
  AnalyticsView as Analytics,
  AudioMetadata,
  AudioUrl,
  AuditView as AuditEntry,
  BackupListItem as Backup,
  BackupVerification,
  DeadLetterView as DeadLetter,
  InsightsView as Insights,
  MeetingView as Meeting,
  MembershipView as Membership,
  MeView as Me,
  MetricsSeriesView as MetricSeries,
  ParticipantView as Participant,
  RecordingSummary,
  SegmentView as Segment,
  SessionView as Session,
  SloView as Slo,
  SpeakerTalkTime as TalkTime,
  SummaryItem,
  SummaryView as Summary,
  TaskView as Task,
  UserView as User,
} from '@mina/contract/views';

/** What the console shows of a stage; live pipeline events update it between fetches of the insights. */
export type StageInfo = Pick<StageView, 'status' | 'error' | 'reason'> &
  Partial<Pick<StageView, 'fallbackUsed' | 'provider'>>;

/** GET /api/workspaces/:id carries the settings; the list answers summaries. */
export type Workspace = WorkspaceSummary & Partial<Pick<WorkspaceView, 'settings'>>;

export interface Member extends MemberView {
  /** Added by the data provider so updates and deletes know their URL. */
  workspaceId: string;
  /** Added by the data provider: the caller's own role in that workspace. */
  callerRole: WorkspaceRole | null;
}
