/** Retention as the API shows it (folded into the contract package after the merge). */

export interface RetentionSetting {
  transcriptDays?: number | null;
  audioDays?: number | null;
  keepTasks?: boolean;
}

export type PolicySource = 'workspace' | 'instance';

export interface RetentionDefaults {
  transcriptDays: number | null;
  audioDays: number | null;
  keepTasks: boolean;
}

export interface ResolvedPolicy extends RetentionDefaults {
  keepAudio: boolean;
  source: { transcriptDays: PolicySource; audioDays: PolicySource; keepTasks: PolicySource };
}

export type AudioDeletedReason = 'retention' | 'workspace_setting';

export interface PreviewSession {
  id: string;
  title: string | null;
  meetingId: string | null;
  at: string;
  transcript: boolean;
  segments: number;
  tasks: number;
  audio: AudioDeletedReason | null;
}

export interface RetentionCounts {
  sessions: number;
  segments: number;
  summaries: number;
  analytics: number;
  markers: number;
  tasks: number;
  recordings: number;
}

export interface RetentionPreview {
  workspaceId: string;
  at: string;
  policy: ResolvedPolicy;
  instanceDefaults: RetentionDefaults;
  counts: RetentionCounts;
  sessions: PreviewSession[];
  truncated: boolean;
}

/** On a session whose content the retention run deleted (GET /api/sessions/:id). */
export type { ContentDeleted } from '@mina/contract/views';

/** On a meeting (GET /api/meetings/:id). */
export interface LegalHold {
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  legalHoldBy: string | null;
}
