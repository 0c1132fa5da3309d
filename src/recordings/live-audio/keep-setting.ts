import type { StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';

/**
 * Whether a workspace keeps its sessions' audio once transcribed (`recordings.keep`, default true;
 * how long is the retention sweep's business). A live session of a workspace that keeps none is
 * not archived at all, rather than archived and then deleted by the sweep.
 */
export function keepsAudio(settings: StoredWorkspaceSettings | null | undefined): boolean {
  return settings?.recordings?.keep !== false;
}
