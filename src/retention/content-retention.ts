import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { notFound } from '#src/common/mina.exception.js';
import { ContentRetentionRepository, noContent, type ContentCounts, type DueSession, type WorkspacePolicyRow } from './content-retention.repository.js';
import { audioPolicy, deletionReason } from './recording-retention.js';
import { cutoff, resolvePolicy, retentionDefaults, type ResolvedPolicy, type RetentionDefaults } from './retention-policy.js';
import { RetentionRepository, type DueRecording } from './retention.repository.js';
import type { RetentionPreview, RetentionPreviewSession } from '@mina/contract/retention';

/** Workspaces read per page by a run. */
const WORKSPACE_PAGE = 100;
/** Session ids an audit entry lists; the counts are always complete. */
const AUDIT_IDS = 1000;
/** The preview reads at most this many sessions (and as many recordings) per kind; beyond, it says `truncated`. */
export const PREVIEW_SCAN = 10_000;
const PREVIEW_PAGE = 500;

export interface WorkspaceRun {
  workspaceId: string;
  policy: ResolvedPolicy;
  counts: ContentCounts;
}

export interface RunResult {
  workspaces: number;
  counts: ContentCounts;
}

export type { RetentionPreview } from '@mina/contract/retention';

/**
 * Transcript and task retention. `run` applies every workspace's policy in batches of
 * MINA_RETENTION_BATCH sessions, each its own short transaction, and writes one audit entry per
 * workspace with a policy; `preview` reads through the same query (`dueSessions`) without
 * deleting. Idempotent: a deleted session is a tombstone no query picks again.
 */
@Injectable()
export class ContentRetention {
  private readonly logger = new Logger(ContentRetention.name);
  readonly defaults: RetentionDefaults;

  constructor(
    private readonly repo: ContentRetentionRepository,
    private readonly recordings: RetentionRepository,
    private readonly audit: AuditService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    this.defaults = retentionDefaults(config);
  }

  /** Every workspace at `now` (the clock is a parameter so that tests choose it). */
  async run(now: Date): Promise<RunResult> {
    const total = noContent();
    let workspaces = 0;
    for (let after: string | null = null; ; ) {
      const page = await this.repo.workspaces(after, WORKSPACE_PAGE);
      for (const workspace of page) {
        const result = await this.applyWorkspace(workspace, now);
        if (!result) continue;
        workspaces++;
        for (const kind of Object.keys(total) as (keyof ContentCounts)[]) total[kind] += result.counts[kind];
      }
      if (page.length < WORKSPACE_PAGE) break;
      after = page[page.length - 1].id;
    }
    if (total.sessions > 0) this.logger.log(`Retention: deleted the content of ${total.sessions} session(s) in ${workspaces} workspace(s)`);
    return { workspaces, counts: total };
  }

  /** One workspace's transcripts and tasks; null when its policy keeps them forever (nothing to do, nothing audited). */
  async applyWorkspace(workspace: WorkspacePolicyRow, now: Date): Promise<WorkspaceRun | null> {
    const policy = resolvePolicy(workspace.settings, this.defaults);
    const before = cutoff(now, policy.transcriptDays);
    if (before === null || policy.transcriptDays === null) return null;
    const counts = noContent();
    const sessionIds: string[] = [];
    const tombstone = { at: now.toISOString(), reason: 'retention' as const, policyDays: policy.transcriptDays, tasksKept: policy.keepTasks };
    for (;;) {
      // No paging cursor: what a batch deletes leaves the query, so the next batch starts at the next due session.
      const batch = await this.repo.dueSessions(workspace.id, before, policy.keepTasks, this.config.retentionBatch);
      if (batch.length === 0) break;
      const { ids, counts: gone } = await this.repo.deleteContent(workspace.id, batch.map((s) => s.id), tombstone, policy.keepTasks);
      for (const kind of Object.keys(counts) as (keyof ContentCounts)[]) counts[kind] += gone[kind];
      sessionIds.push(...ids.slice(0, AUDIT_IDS - sessionIds.length));
      // Held or deleted by another run since the read: those leave the query too, but stop rather than spin.
      if (ids.length === 0 || batch.length < this.config.retentionBatch) break;
    }
    await this.audit.record({
      action: 'retention.applied',
      workspaceId: workspace.id,
      target: `workspace:${workspace.id}`,
      data: {
        at: now.toISOString(),
        policy: { transcriptDays: policy.transcriptDays, keepTasks: policy.keepTasks, source: policy.source },
        counts,
        sessionIds,
        ...(counts.sessions > sessionIds.length ? { sessionIdsTruncated: true } : {}),
      },
    });
    return { workspaceId: workspace.id, policy, counts };
  }

  /** What the next runs would delete in the workspace at `now`: transcripts (apply-retention) and audio (sweep-recordings). */
  async preview(workspaceId: string, now: Date, first: number): Promise<RetentionPreview> {
    const workspace = await this.repo.workspace(workspaceId);
    if (!workspace) throw notFound('Workspace');
    const policy = resolvePolicy(workspace.settings, this.defaults);
    const counts = { ...noContent(), recordings: 0 };
    const bySession = new Map<string, RetentionPreviewSession>();
    let truncated = false;

    const before = cutoff(now, policy.transcriptDays);
    if (before !== null) {
      const more = await scan(
        (after?: DueSession) => this.repo.dueSessions(workspaceId, before, policy.keepTasks, PREVIEW_PAGE, after && { at: after.at, id: after.id }),
        (s) => {
          counts.sessions++;
          counts.segments += s.segments;
          counts.summaries += s.summaries;
          counts.analytics += s.analytics;
          counts.markers += s.markers;
          counts.tasks += s.tasks;
          bySession.set(s.id, { id: s.id, title: s.title, meetingId: s.meetingId, at: s.at.toISOString(), transcript: true, segments: s.segments, tasks: s.tasks, audio: null });
        },
      );
      truncated ||= more;
    }

    const audio = audioPolicy(policy);
    const moreAudio = await scan(
      (after?: DueRecording) => this.recordings.due(now, PREVIEW_PAGE, this.defaults, { workspaceId, after: after && { createdAt: after.createdAt, id: after.id } }),
      (r) => {
        const reason = deletionReason(r, audio, now);
        if (reason === null) return;
        counts.recordings++;
        const known = bySession.get(r.sessionId);
        if (known) known.audio = reason;
        else bySession.set(r.sessionId, { id: r.sessionId, title: r.sessionTitle, meetingId: r.meetingId, at: r.sessionAt.toISOString(), transcript: false, segments: 0, tasks: 0, audio: reason });
      },
    );
    truncated ||= moreAudio;

    const sessions = [...bySession.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)).slice(0, first);
    return { workspaceId, at: now.toISOString(), policy, instanceDefaults: this.defaults, counts, sessions, truncated };
  }
}

/** Reads pages (each after the last row of the one before) until a short page or PREVIEW_SCAN rows; true when it stopped at the cap. */
async function scan<T>(page: (after?: T) => Promise<T[]>, each: (row: T) => void): Promise<boolean> {
  let after: T | undefined;
  for (let read = 0; ; ) {
    const rows = await page(after);
    rows.forEach(each);
    read += rows.length;
    if (rows.length < PREVIEW_PAGE) return false;
    if (read >= PREVIEW_SCAN) return true;
    after = rows[rows.length - 1];
  }
}
