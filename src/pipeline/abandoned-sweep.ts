import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import { lastAudioKey } from '#src/sessions/session-keys.js';
import { SessionsService } from '#src/sessions/sessions.service.js';
import { OnJob } from './on-job.decorator.js';
import { PipelineQueues } from './pipeline-queues.js';
import { PipelineRepository } from './pipeline.repository.js';

const BATCH = 200;

/** Finalizes recording sessions that have had no audio for `abandonAfterMs`, through the one finalization path. */
@Injectable()
export class AbandonedSweep {
  private readonly logger = new Logger(AbandonedSweep.name);

  constructor(
    private readonly repo: PipelineRepository,
    private readonly sessions: SessionsService,
    private readonly redis: RedisService,
    private readonly queues: PipelineQueues,
  ) {}

  @OnJob('sweep-abandoned')
  async sweep(): Promise<{ finalized: number }> {
    const cutoff = Date.now() - this.queues.settings.abandonAfterMs;
    const candidates = await this.repo.abandonedCandidates(new Date(cutoff), BATCH);
    if (candidates.length === 0) return { finalized: 0 };
    const stamps = await this.redis.client.mget(...candidates.map((s) => lastAudioKey(this.redis, s.id)));
    let finalized = 0;
    for (const [i, session] of candidates.entries()) {
      const lastAudio = Number(stamps[i] ?? 0);
      if (lastAudio > cutoff) continue;
      const result = await this.sessions.finalizeLoaded(session, 'abandoned');
      if (result.finalizedNow) finalized++;
    }
    if (finalized > 0) this.logger.log(`Finalized ${finalized} abandoned session(s)`);
    return { finalized };
  }
}
