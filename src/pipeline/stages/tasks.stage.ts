import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { TaskExtractionService } from '#src/ai/task-extraction.service.js';
import { ExtractedTasksRepository } from '../extracted-tasks.repository.js';
import { ProvisionalInsightsPort } from '../provisional-insights.js';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import type { SessionJobData } from '#src/jobs/jobs.js';
import { StageInputs } from './stage-input.js';
import { NOTHING_TO_DO, StageRunner, type StageResult } from './stage-runner.js';

@Injectable()
export class TasksStage {
  constructor(
    private readonly runner: StageRunner,
    private readonly inputs: StageInputs,
    private readonly extraction: TaskExtractionService,
    private readonly tasks: ExtractedTasksRepository,
    private readonly provisional: ProvisionalInsightsPort,
  ) {}

  @OnJob('tasks')
  extract(job: Job<SessionJobData>): Promise<StageResult> {
    return this.runner.run(job, 'tasks', async () => {
      const input = await this.inputs.loadAfterRefinement(job.data);
      if (!input) return NOTHING_TO_DO;
      const members = await this.tasks.memberDirectory(job.data.workspaceId);
      const outcome = await this.extraction.extract(
        input.refined,
        { meetingDate: input.meetingDate, speakerNames: input.speakerNames, members },
        input.llm('tasks'),
      );
      const created = await this.tasks.replace(input.session, outcome.value);
      // The live copilot's action items: linked to these tasks, pinned ones kept as tasks.
      const copilot = await this.provisional.reconcileTasks(input.session);
      return {
        fallbackUsed: outcome.fallbackUsed,
        model: outcome.model,
        provider: outcome.provider,
        data: { tasks: created, ...(Object.keys(copilot).length ? { copilot } : {}) },
      };
    });
  }
}
