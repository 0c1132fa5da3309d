import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { FinalsListeners } from '#src/transcription/processing/finals-listeners.js';
import { copilotSettings, type CopilotSettings } from './copilot-settings.js';

/** Sessions this process scheduled a scan for recently (ms stamps); pruned past this size. */
const RECENT_MAX = 1_000;

/**
 * Follows live transcripts: new finals schedule a `copilot-scan` job, debounced — the job waits one
 * interval and BullMQ's deduplication (throttle mode, ttl = the interval) drops the adds made
 * meanwhile, so a session gets at most one scan per interval and the scan reads every final
 * persisted until it runs. Nothing is analysed here: the processor only pays for an enqueue, and
 * this process skips even that for a session it scheduled within the interval.
 */
@Injectable()
export class CopilotScheduler implements OnModuleInit {
  private readonly settings: CopilotSettings;
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly queues: JobQueues,
    private readonly finals: FinalsListeners,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = copilotSettings(config);
  }

  onModuleInit(): void {
    if (this.settings.enabled) this.finals.register((sessionId) => this.finalsCommitted(sessionId));
  }

  async finalsCommitted(sessionId: string): Promise<void> {
    const now = Date.now();
    const last = this.recent.get(sessionId);
    if (last !== undefined && now - last < this.settings.intervalMs) return;
    this.recent.set(sessionId, now);
    if (this.recent.size > RECENT_MAX)
      for (const [id, at] of this.recent) if (now - at >= this.settings.intervalMs) this.recent.delete(id);
    await this.schedule(sessionId, this.settings.intervalMs);
  }

  /** A scan of the session in `delayMs`, unless one is scheduled within the interval already. */
  schedule(sessionId: string, delayMs: number): Promise<void> {
    return this.queues.add(
      'copilot-scan',
      { sessionId },
      { delay: delayMs, deduplication: { id: `copilot-scan:${sessionId}`, ttl: Math.max(1, delayMs) } },
    );
  }
}
