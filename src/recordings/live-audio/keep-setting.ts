import type { StoredWorkspaceSettings } from '#src/workspaces/workspace-settings.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const OFF: ReadonlySet<unknown> = new Set([false, 'off', 'none', 0]);

/**
 * Whether a workspace keeps its sessions' audio. Read defensively, whichever shape the retention
 * setting has (`recordings.keep`: off, a number of days, forever; or the older `retainAudio`):
 * only an explicit "off" turns keeping off; absent means keep.
 */
export function keepsAudio(settings: StoredWorkspaceSettings | null | undefined): boolean {
  if (!settings) return true;
  if (settings.retainAudio === false) return false;
  const recordings = settings.recordings;
  const keep = isObject(recordings) ? recordings.keep : settings['recordings.keep'];
  if (isObject(keep)) return !OFF.has(keep.mode) && !OFF.has(keep.days);
  return !OFF.has(keep);
}
