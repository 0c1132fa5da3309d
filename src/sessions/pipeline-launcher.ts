/**
 * What finalization hands a session to. The pipeline module provides it; job ids derive from
 * the session, so launching twice is harmless (and is how a failed enqueue heals).
 */
export interface PipelineLauncher {
  /** `newRun`: the session's transcript changed since its last run (kept audio transcribed later). */
  launch(session: { id: string; workspaceId: string }, options?: { newRun?: boolean }): Promise<void>;
}

export const PIPELINE_LAUNCHER = Symbol('PIPELINE_LAUNCHER');
