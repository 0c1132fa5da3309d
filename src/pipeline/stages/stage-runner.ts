import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobWorkers } from '#src/jobs/job-workers.js';
import { isJobName, JOBS, type SessionJobData, type StageName } from '#src/jobs/jobs.js';
import { PipelineEvents } from '../pipeline-events.js';
import { PipelineRepository } from '../pipeline.repository.js';

export interface StageResult {
  fallbackUsed: boolean;
  model: string | null;
  /** The LLM provider that produced it (null: the local fallback, or no LLM call). */
  provider: string | null;
  /** Small facts for the `<stage>_ready` event (counts, not content). */
  data?: Record<string, unknown>;
}

export const NOTHING_TO_DO: StageResult = { fallbackUsed: false, model: null, provider: null };

/** The bookkeeping around every stage: state row, started/ready/failed events. */
@Injectable()
export class StageRunner {
  constructor(
    private readonly repo: PipelineRepository,
    private readonly events: PipelineEvents,
    workers: JobWorkers,
  ) {
    // A stage's job that failed for good leaves its stage failed (the reveal still runs: ignoreDependencyOnFailure).
    workers.onFailedForGood(async (job) => {
      const stage = isJobName(job.name) ? JOBS[job.name].stage : undefined;
      if (stage) await this.failed(job.data as SessionJobData, stage, job.failedReason);
    });
  }

  async run(job: Job<SessionJobData>, stage: StageName, work: () => Promise<StageResult>): Promise<StageResult> {
    const { sessionId, workspaceId } = job.data;
    // Audio that was not transcribed is not silence: no insights are made of an empty transcript.
    const untranscribed = await this.repo.untranscribedReason(sessionId);
    if (untranscribed) {
      await this.repo.markStage(sessionId, stage, { status: 'skipped', error: untranscribed, attempts: job.attemptsStarted, finishedAt: new Date(), fallbackUsed: false, model: null, provider: null });
      this.events.emit(sessionId, `${stage}_skipped`, { reason: untranscribed });
      if (!job.parent) this.events.dashboardRefresh(workspaceId, sessionId);
      return NOTHING_TO_DO;
    }
    await this.repo.markStage(sessionId, stage, { status: 'running', attempts: job.attemptsStarted, startedAt: new Date(), finishedAt: null, error: null });
    this.events.emit(sessionId, `${stage}_started`);
    const result = await work();
    await this.repo.markStage(sessionId, stage, { status: 'ready', fallbackUsed: result.fallbackUsed, model: result.model, provider: result.provider, finishedAt: new Date() });
    this.events.emit(sessionId, `${stage}_ready`, { fallbackUsed: result.fallbackUsed, provider: result.provider, ...result.data });
    // A stage re-run on its own has no reveal after it to refresh the dashboards.
    if (!job.parent) this.events.dashboardRefresh(workspaceId, sessionId);
    return result;
  }

  async failed(data: SessionJobData, stage: StageName, error: string): Promise<void> {
    await this.repo.markStage(data.sessionId, stage, { status: 'failed', error: error.slice(0, 2000), finishedAt: new Date() });
    this.events.emit(data.sessionId, `${stage}_failed`, { error: error.slice(0, 500) });
  }
}
