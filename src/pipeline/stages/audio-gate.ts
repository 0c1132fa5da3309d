import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { AudioSpool } from '#src/transcription/spool/audio-spool.service.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { PipelineQueues } from '../pipeline-queues.js';
import { PipelineRepository } from '../pipeline.repository.js';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export type AudioVerdict = 'ready' | 'waiting' | 'gave-up';

/**
 * Keeps refinement (and so the reveal) back while the session's spool still holds acked audio
 * that is not transcribed yet: a finalize stops waiting for the spool after a while (an ASR
 * outage), and the segments that land later must not miss the insights. Waiting is bounded by
 * `audioWaitMs` from finalization; the job is moved back to delayed (no attempt used) with a
 * backoff that grows with the time already waited.
 */
@Injectable()
export class AudioGate {
  private readonly logger = new Logger(AudioGate.name);
  /** Without an ASR nothing will ever transcribe the spool: no reason to wait. */
  private readonly asrConfigured: boolean;

  constructor(
    private readonly spool: AudioSpool,
    private readonly repo: PipelineRepository,
    private readonly queues: PipelineQueues,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.asrConfigured = config.asrProviders.length > 0;
  }

  async check(job: Job<SessionJobData>, token: string | undefined): Promise<AudioVerdict> {
    if (!this.asrConfigured || !token) return 'ready';
    const meta = await this.spool.meta(job.data.sessionId);
    if (!meta.started || meta.done) return 'ready';
    const finalizedAt = (await this.repo.finalizedAt(job.data.sessionId))?.getTime() ?? Date.now();
    const waited = Date.now() - finalizedAt;
    if (waited >= this.queues.settings.audioWaitMs) {
      this.logger.warn(`Session ${job.data.sessionId}: audio still untranscribed ${Math.round(waited / 1000)} s after finalize; refining what there is`);
      return 'gave-up';
    }
    await this.repo.markStage(job.data.sessionId, 'refinement', { status: 'waiting', error: 'waiting for acked audio to be transcribed', finishedAt: null });
    const delay = Math.min(MAX_DELAY_MS, Math.max(FIRST_DELAY_MS, waited / 4));
    await job.moveToDelayed(Date.now() + delay, token);
    return 'waiting';
  }
}
