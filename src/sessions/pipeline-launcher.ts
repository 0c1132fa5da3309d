/**
 * What finalization hands a session to. The pipeline module provides it; job ids derive from
 * the session, so launching twice is harmless (and is how a failed enqueue heals).
 */
export interface PipelineLauncher {
  launch(session: { id: string; workspaceId: string }): Promise<void>;
}

export const PIPELINE_LAUNCHER = Symbol('PIPELINE_LAUNCHER');
