import { Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { RefinementService } from '#src/ai/refinement.service.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { PipelineRepository } from '../pipeline.repository.js';
import { AudioGate } from './audio-gate.js';
import { StageInputs } from './stage-input.js';
import { NOTHING_TO_DO, StageRunner, type StageResult } from './stage-runner.js';

@Injectable()
export class RefineStage {
  constructor(
    private readonly runner: StageRunner,
    private readonly inputs: StageInputs,
    private readonly refinement: RefinementService,
    private readonly repo: PipelineRepository,
    private readonly audio: AudioGate,
  ) {}

  @OnJob('refine')
  async refine(job: Job<SessionJobData>, token?: string): Promise<StageResult> {
    const audio = await this.audio.check(job, token);
    // Moved back to delayed: BullMQ must not complete (or fail) it.
    if (audio === 'waiting') throw new DelayedError();
    return this.runner.run(job, 'refinement', async () => {
      const input = await this.inputs.load(job.data);
      if (!input) return NOTHING_TO_DO;
      const outcome = await this.refinement.refine(input.raw, input.llm('refinement'), input.session.vocabulary);
      await this.repo.saveRefined(input.session.id, outcome.value);
      this.inputs.shareRefined(job.data, input, outcome.value);
      return { fallbackUsed: outcome.fallbackUsed, model: outcome.model, provider: outcome.provider, data: { segments: outcome.value.size, rejectedLines: outcome.rejectedLines, ...(audio === 'gave-up' ? { audioPending: true } : {}) } };
    });
  }
}
