import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { CopilotScanData } from '#src/jobs/jobs.js';
import { PipelineEvents } from '#src/pipeline/pipeline-events.js';
import { finalsToLoad, scanDelayMs, takeBatch } from './copilot-batch.js';
import { CopilotDetector } from './copilot-detector.js';
import { newItems } from './copilot-match.js';
import { CopilotScheduler } from './copilot-scheduler.js';
import { copilotSettings, type CopilotSettings } from './copilot-settings.js';
import { toCopilotEvent } from './copilot-views.js';
import { CopilotRepository } from './copilot.repository.js';

export type ScanResult =
  | { items: number; source: string; more: boolean }
  | { skipped: 'disabled' | 'not_live' | 'interval' | 'nothing_new' };

/**
 * One scan of a recording session: the finals after its cursor, bounded by MINA_COPILOT_MAX_CHARS,
 * examined by one LLM call (or the local rules), new items stored and pushed to the session room.
 * At most one scan per session per interval, claimed in the database (see claimScan).
 */
@Injectable()
export class CopilotScanner {
  private readonly logger = new Logger(CopilotScanner.name);
  private readonly settings: CopilotSettings;

  constructor(
    private readonly repo: CopilotRepository,
    private readonly detector: CopilotDetector,
    private readonly events: PipelineEvents,
    private readonly scheduler: CopilotScheduler,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = copilotSettings(config);
  }

  @OnJob('copilot-scan')
  async scan(job: Job<CopilotScanData>): Promise<ScanResult> {
    if (!this.settings.enabled) return { skipped: 'disabled' };
    const { sessionId } = job.data;
    const session = await this.repo.scanSession(sessionId);
    // Finalized (the pipeline's insights take over), deleted, or not a live meeting.
    if (!session || session.closed || session.status !== 'recording' || session.source !== 'live')
      return { skipped: 'not_live' };
    const now = new Date();
    if (!(await this.repo.claimScan(sessionId, now, this.settings.intervalMs))) {
      const last = await this.repo.lastScanAt(sessionId);
      await this.scheduler.schedule(sessionId, Math.max(1, scanDelayMs(last, now, this.settings.intervalMs)));
      return { skipped: 'interval' };
    }
    const limit = finalsToLoad(this.settings.maxChars);
    const finals = await this.repo.finalsAfter(sessionId, session.lastSeq, limit);
    const batch = takeBatch(finals, session.speakerNames, this.settings.maxChars);
    if (!batch) return { skipped: 'nothing_new' };
    const detection = await this.detector.detect(batch, {
      workspaceId: session.workspaceId,
      sessionId,
      meetingDate: session.meetingDate,
      speakerNames: session.speakerNames,
    });
    const known = await this.repo.known(sessionId);
    const fresh = newItems(detection.items, known).slice(
      0,
      Math.max(0, this.settings.maxItems - known.length),
    );
    const saved = await this.repo.save(session, session.lastSeq, batch.lastSeq, fresh, detection.source);
    for (const row of saved) this.events.copilot(toCopilotEvent(row));
    // The budget ran out before the newest finals: they are the next interval's scan.
    const more = batch.more || finals.length === limit;
    if (more) await this.scheduler.schedule(sessionId, this.settings.intervalMs);
    if (detection.reason) this.logger.debug(`session ${sessionId}: rule-based copilot (${detection.reason})`);
    return { items: saved.length, source: detection.source, more };
  }
}
