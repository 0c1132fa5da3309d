import type { RecordingDeletedReason } from '#src/recordings/entities/recording.entity.js';
import type { ResolvedPolicy } from './retention-policy.js';

/**
 * Which recordings the retention sweep deletes, as pure functions of the workspace's setting,
 * the recording and the clock (injected: never today's date in a test).
 */

export interface RetentionPolicy {
  /** false: audio is deleted once transcribed. */
  keep: boolean;
  /** Recordings older than this many days are deleted; null keeps them forever. */
  retentionDays: number | null;
}

export interface RetentionCandidate {
  /** When the recording was stored. */
  createdAt: Date;
  deletedAt: Date | null;
  sessionStatus: string;
  /** The session's `transcription.state` (null when its audio was transcribed as it came). */
  transcriptionState: string | null;
}

const DAY_MS = 86_400_000;
/** Only a finished session's audio can go: one still recording, uploading or transcribing needs it. */
const FINISHED = new Set(['completed', 'error']);
/** Honesty: audio that was never transcribed stays until it is, or until its session is deleted. */
const UNTRANSCRIBED = new Set(['not_transcribed', 'transcribing']);

/** The audio part of a workspace's resolved policy (`recordings.keep`, `retention.audioDays` or the instance default). */
export const audioPolicy = (policy: Pick<ResolvedPolicy, 'keepAudio' | 'audioDays'>): RetentionPolicy => ({ keep: policy.keepAudio, retentionDays: policy.audioDays });

/** Why this recording is due for deletion at `now`, or null when it stays. */
export function deletionReason(recording: RetentionCandidate, policy: RetentionPolicy, now: Date): RecordingDeletedReason | null {
  if (recording.deletedAt) return null;
  if (!FINISHED.has(recording.sessionStatus)) return null;
  if (recording.transcriptionState !== null && UNTRANSCRIBED.has(recording.transcriptionState)) return null;
  if (!policy.keep) return 'workspace_setting';
  if (policy.retentionDays !== null && recording.createdAt.getTime() <= now.getTime() - policy.retentionDays * DAY_MS) return 'retention';
  return null;
}
