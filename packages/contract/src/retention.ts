/*
 * Retention: the workspace's policy setting, the policy as resolved against the instance defaults,
 * the preview of what a run would delete (GET /api/workspaces/:id/retention/preview) and legal hold
 * (PUT /api/meetings/:id/legal-hold, PUT /api/sessions/:id/legal-hold). The server answers ISO
 * strings already, so these views take no `T`. What a run left of a session is `ContentDeleted` (views.ts).
 */

/** The workspace setting `retention`; a field left out follows the instance default, null keeps forever. */
export interface RetentionSetting {
  transcriptDays?: number | null;
  audioDays?: number | null;
  keepTasks?: boolean;
}

/** The instance defaults (MINA_RETENTION_*): what a field the workspace leaves out follows. */
export interface RetentionDefaults {
  transcriptDays: number | null;
  audioDays: number | null;
  keepTasks: boolean;
}

export type PolicySource = 'workspace' | 'instance';

/** A workspace's policy as the runs apply it. */
export interface ResolvedPolicy {
  /** Transcripts (with summaries, insights, markers) of sessions ended this many days ago go; null: forever. */
  transcriptDays: number | null;
  /** Recordings stored this many days ago go; null: forever. */
  audioDays: number | null;
  /** Tasks outlive their session's transcript. */
  keepTasks: boolean;
  /** `recordings.keep`: false deletes audio as soon as it is transcribed. */
  keepAudio: boolean;
  /** Where each value came from, so the console can say "instance default". */
  source: { transcriptDays: PolicySource; audioDays: PolicySource; keepTasks: PolicySource };
}

/** Why a recording's audio was deleted: `retention`: older than the policy's audioDays; `workspace_setting`: the workspace keeps no audio once transcribed. */
export type RecordingDeletedReason = 'retention' | 'workspace_setting';

/** One session the preview lists. */
export interface RetentionPreviewSession {
  id: string;
  title: string | null;
  meetingId: string | null;
  /** When the session ended (else began). */
  at: string;
  /** Its transcript, summary, insights and markers go. */
  transcript: boolean;
  segments: number;
  /** Tasks that go with it (0 when tasks are kept). */
  tasks: number;
  /** Its audio goes, and why. */
  audio: RecordingDeletedReason | null;
}

/** What a run would delete, by kind. */
export interface RetentionCounts {
  sessions: number;
  segments: number;
  summaries: number;
  analytics: number;
  markers: number;
  tasks: number;
  recordings: number;
}

/** GET /api/workspaces/:id/retention/preview. */
export interface RetentionPreview {
  workspaceId: string;
  at: string;
  policy: ResolvedPolicy;
  /** What a field the workspace leaves out follows (MINA_RETENTION_*). */
  instanceDefaults: RetentionDefaults;
  counts: RetentionCounts;
  sessions: RetentionPreviewSession[];
  /** More was due than the preview reads: the counts are a lower bound. */
  truncated: boolean;
}

/** PUT …/legal-hold answers it; meeting and session views carry the same fields. */
export interface LegalHoldView {
  id: string;
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  legalHoldBy: string | null;
}
