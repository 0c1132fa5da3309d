import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import { lastAudioKey } from '#src/sessions/session-keys.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { PipelineLauncherService } from './pipeline-launcher.service.js';
import { PipelineQueues } from './pipeline-queues.js';
import { PipelineRepository } from './pipeline.repository.js';

const BATCH = 200;

const PENDING = new Set(['waiting', 'active', 'delayed', 'waiting-children', 'prioritized']);

/**
 * Finalizes recording sessions that have had no audio for `abandonAfterMs`, through the one
 * finalization path; and recovers sessions stuck in `processing` whose pipeline has nothing left
 * to run (e.g. its reveal failed for good while the database was down).
 */
@Injectable()
export class AbandonedSweep {
  private readonly logger = new Logger(AbandonedSweep.name);

  constructor(
    private readonly repo: PipelineRepository,
    private readonly sessions: SessionsService,
    private readonly redis: RedisService,
    private readonly queues: PipelineQueues,
    private readonly launcher: PipelineLauncherService,
  ) {}

  @OnJob('sweep-abandoned')
  async sweep(): Promise<{ finalized: number; recovered: number }> {
    return { finalized: await this.finalizeAbandoned(), recovered: await this.recoverStuck() };
  }

  private async finalizeAbandoned(): Promise<number> {
    const cutoff = Date.now() - this.queues.settings.abandonAfterMs;
    const candidates = await this.repo.abandonedCandidates(new Date(cutoff), BATCH);
    if (candidates.length === 0) return 0;
    const stamps = await this.redis.client.mget(...candidates.map((s) => lastAudioKey(this.redis, s.id)));
    let finalized = 0;
    for (const [i, session] of candidates.entries()) {
      const lastAudio = Number(stamps[i] ?? 0);
      if (lastAudio > cutoff) continue;
      const result = await this.sessions.finalizeLoaded(session, 'abandoned');
      if (result.finalizedNow) finalized++;
    }
    if (finalized > 0) this.logger.log(`Finalized ${finalized} abandoned session(s)`);
    return finalized;
  }

  /**
   * A session still `processing` long after finalization, with no job of its current run waiting
   * or running: its flow never started (launch lost with Redis) → launch it; or it ended without a
   * reveal that stuck → a new run of the reveal, which marks the stages that did not finish failed.
   */
  private async recoverStuck(): Promise<number> {
    const cutoff = new Date(Date.now() - this.queues.settings.stuckAfterMs);
    let recovered = 0;
    for (const session of await this.repo.processingSince(cutoff, BATCH)) {
      const run = await this.launcher.currentRun(session.id);
      const data = { sessionId: session.id, workspaceId: session.workspaceId, ...(run > 0 ? { run } : {}) };
      const states = Object.values(await this.queues.runStates(data));
      if (states.some((s) => PENDING.has(s))) continue;
      if (states.every((s) => s === 'unknown')) {
        this.logger.warn(`Session ${session.id}: processing with no pipeline jobs; launching them`);
        await this.launcher.launch({ id: session.id, workspaceId: session.workspaceId });
      } else {
        this.logger.warn(`Session ${session.id}: processing but its pipeline ended without a reveal; revealing again`);
        await this.launcher.resume('reveal', data);
      }
      recovered++;
    }
    return recovered;
  }
}
