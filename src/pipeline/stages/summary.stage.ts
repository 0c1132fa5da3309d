import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { SummaryService } from '#src/ai/summary.service.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { TemplatesService } from '#src/templates/templates.service.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { ProvisionalInsightsPort } from '../provisional-insights.js';
import { SummaryRepository } from '../summary.repository.js';
import { StageInputs } from './stage-input.js';
import { NOTHING_TO_DO, StageRunner, type StageResult } from './stage-runner.js';

@Injectable()
export class SummaryStage {
  constructor(
    private readonly runner: StageRunner,
    private readonly inputs: StageInputs,
    private readonly summaries: SummaryService,
    private readonly repo: SummaryRepository,
    private readonly provisional: ProvisionalInsightsPort,
    private readonly templates: TemplatesService,
  ) {}

  @OnJob('summary')
  summary(job: Job<SessionJobData>): Promise<StageResult> {
    return this.runner.run(job, 'summary', async () => {
      const input = await this.inputs.loadAfterRefinement(job.data);
      if (!input) return NOTHING_TO_DO;
      const language = input.session.summaryLanguage;
      const template = await this.templates.resolve(input.session.workspaceId, input.session.templateId);
      const outcome = await this.summaries.summarize(input.refined, input.speakerNames, input.meetingDate, input.llm('summary'), template, { language });
      // The local fallback writes in the transcript's own words: a language asked for is recorded, not claimed.
      const made = { ...outcome.value, model: outcome.model, provider: outcome.provider, fallbackUsed: outcome.fallbackUsed, language: outcome.fallbackUsed ? null : language, requestedLanguage: language };
      // The live copilot's pinned decisions, risks and questions stay in the summary.
      await this.repo.save(input.session.id, await this.provisional.reconcileSummary(input.session, made));
      return { fallbackUsed: outcome.fallbackUsed, model: outcome.model, provider: outcome.provider };
    });
  }
}
