import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { RecordingDeletedReason } from '#src/recordings/entities/recording.entity.js';
import type { BlobStore } from '#src/recordings/storage/blob-store.js';
import { BLOB_STORE } from '#src/recordings/storage/blob-store.js';
import { audioPolicy, deletionReason } from './recording-retention.js';
import { resolvePolicy, retentionDefaults, type RetentionDefaults } from './retention-policy.js';
import { RetentionRepository } from './retention.repository.js';

/** Recordings looked at per run; a backlog drains over the following runs. */
export const SWEEP_BATCH = 500;

export interface SweepResult {
  deleted: number;
  /** Files the store would not delete this time (tried again next run). */
  failed: number;
  /** The batch was full: more may be due. */
  more: boolean;
}

interface WorkspaceTally {
  retention: string[];
  workspace_setting: string[];
}

/**
 * The `sweep-recordings` job: deletes the audio files the workspaces' policy (`recordings.keep`,
 * `retention.audioDays` or the instance default) no longer keeps, never of a session or meeting under
 * legal hold, marks each row (when and why, so playback can say so) and writes one audit entry per
 * workspace touched. Each file is decided again right before it goes (RetentionRepository.deleteIfDue):
 * the batch is read once, and a hold may be set while it is worked through.
 */
@Injectable()
export class RecordingSweep {
  private readonly logger = new Logger(RecordingSweep.name);
  private readonly defaults: RetentionDefaults;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly audit: AuditService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {
    this.defaults = retentionDefaults(config);
  }

  @OnJob('sweep-recordings')
  handle(): Promise<SweepResult> {
    return this.run(new Date());
  }

  /** One batch at `now` (the clock is a parameter so that tests choose it). */
  async run(now: Date, limit = SWEEP_BATCH): Promise<SweepResult> {
    const candidates = await this.repo.due(now, limit, this.defaults);
    const byWorkspace = new Map<string, WorkspaceTally>();
    let failed = 0;
    for (const recording of candidates) {
      const reason = deletionReason(recording, audioPolicy(resolvePolicy(recording.settings, this.defaults)), now);
      if (reason === null) continue;
      try {
        // Checked again right before the file goes: a hold set since the batch was read wins.
        if (!(await this.repo.deleteIfDue(recording, reason, now, this.defaults, () => this.blobs.delete(recording.path)))) continue;
      } catch (error) {
        failed++;
        this.logger.warn(`Recording of session ${recording.sessionId} (${recording.path}) could not be deleted: ${(error as Error).message}`);
        continue;
      }
      const tally = byWorkspace.get(recording.workspaceId) ?? { retention: [], workspace_setting: [] };
      tally[reason].push(recording.sessionId);
      byWorkspace.set(recording.workspaceId, tally);
    }
    for (const [workspaceId, tally] of byWorkspace) await this.record(workspaceId, tally, now);
    const deleted = [...byWorkspace.values()].reduce((n, t) => n + t.retention.length + t.workspace_setting.length, 0);
    const more = candidates.length === limit;
    if (deleted > 0 || failed > 0) {
      this.logger.log(`Retention: deleted ${deleted} recording(s) in ${byWorkspace.size} workspace(s)${failed ? `, ${failed} failed (tried again next run)` : ''}${more ? '; more are due' : ''}`);
    }
    return { deleted, failed, more };
  }

  private record(workspaceId: string, tally: WorkspaceTally, now: Date): Promise<void> {
    const reasons = Object.keys(tally) as RecordingDeletedReason[];
    return this.audit.record({
      action: 'recordings.retention_deleted',
      workspaceId,
      target: `workspace:${workspaceId}`,
      data: {
        at: now.toISOString(),
        deleted: tally.retention.length + tally.workspace_setting.length,
        byReason: Object.fromEntries(reasons.map((r) => [r, tally[r].length])),
        sessionIds: Object.fromEntries(reasons.filter((r) => tally[r].length > 0).map((r) => [r, tally[r]])),
      },
    });
  }
}
