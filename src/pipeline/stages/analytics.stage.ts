import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { TopicsService } from '#src/ai/topics.service.js';
import { AnalyticsRepository } from '#src/analytics/analytics.repository.js';
import { computeAnalytics } from '#src/analytics/compute/compute-analytics.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { StageInputs } from './stage-input.js';
import { NOTHING_TO_DO, StageRunner, type StageResult } from './stage-runner.js';

@Injectable()
export class AnalyticsStage {
  constructor(
    private readonly runner: StageRunner,
    private readonly inputs: StageInputs,
    private readonly topics: TopicsService,
    private readonly analytics: AnalyticsRepository,
  ) {}

  @OnJob('analytics')
  measure(job: Job<SessionJobData>): Promise<StageResult> {
    return this.runner.run(job, 'analytics', async () => {
      const input = await this.inputs.loadAfterRefinement(job.data);
      if (!input) return NOTHING_TO_DO;
      const metrics = computeAnalytics(input.raw, { speakerNames: input.speakerNames });
      const labels = await this.topics.label(input.refined, input.speakerNames, { topics: metrics.topics, sentiment: metrics.sentiment }, input.llm('topics'));
      await this.analytics.save(input.session.id, metrics, { ...labels.value, fallbackUsed: labels.fallbackUsed, model: labels.model, provider: labels.provider });
      return { fallbackUsed: labels.fallbackUsed, model: labels.model, provider: labels.provider };
    });
  }
}
