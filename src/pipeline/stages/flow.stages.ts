import { Inject, Injectable, Optional } from '@nestjs/common';
import { WEBHOOK_EVENTS, type WebhookEventSink } from '#src/integrations/webhooks/webhook-events.port.js';
import { toTaskView } from '#src/tasks/tasks.service.js';
import { ExtractedTasksRepository } from '../extracted-tasks.repository.js';
import type { Job } from 'bullmq';
import { OnJob } from '#src/jobs/on-job.decorator.js';
import { JOBS, STAGES, jobNameOfId, type SessionJobData, type StageName } from '#src/jobs/jobs.js';
import { PipelineEvents } from '../pipeline-events.js';
import { PipelineMetrics } from '../pipeline-metrics.js';
import { PipelineQueues } from '../pipeline-queues.js';
import { PipelineRepository } from '../pipeline.repository.js';

/** The joints of the flow: fan-out after refinement, and the reveal once every stage is done. */
@Injectable()
export class FlowStages {
  constructor(
    private readonly queues: PipelineQueues,
    private readonly repo: PipelineRepository,
    private readonly events: PipelineEvents,
    private readonly metrics: PipelineMetrics,
    private readonly tasks: ExtractedTasksRepository,
    @Optional() @Inject(WEBHOOK_EVENTS) private readonly webhooks?: WebhookEventSink,
  ) {}

  @OnJob('insights')
  async fanOut(job: Job<SessionJobData>): Promise<void> {
    await this.recordChildFailures(job);
    await this.queues.fanOut(job.data);
  }

  @OnJob('reveal')
  async reveal(job: Job<SessionJobData>): Promise<{ status: string }> {
    const { sessionId, workspaceId } = job.data;
    await this.recordChildFailures(job);
    const stages = await this.repo.stageStates(sessionId);
    // A stage that is not ready by now will not be: its job failed for good (maybe while the
    // database was down, so nothing marked it) or never ran. Say so rather than leave it "running".
    const unfinished = STAGES.filter((name) => !stages.some((s) => s.stage === name && (s.status === 'ready' || s.status === 'skipped' || s.status === 'failed')));
    for (const stage of unfinished) await this.repo.markStage(sessionId, stage, { status: 'failed', error: 'did not finish (its job failed or never ran)', finishedAt: new Date() });
    const failed = [...stages.filter((s) => s.status === 'failed').map((s) => s.stage), ...unfinished];
    const status = failed.length === STAGES.length ? 'error' : 'completed';
    const state = await this.repo.finishSession(sessionId, status);
    if (state?.finished && state.endedAt) this.metrics.finalizeToReveal.observe((Date.now() - state.endedAt.getTime()) / 1000);
    const current = state?.status ?? status;
    this.events.emit(sessionId, 'post_transcription_reveal', { status: current, failedStages: failed, fallbackUsed: stages.some((s) => s.fallbackUsed) });
    this.events.status(sessionId, current);
    this.events.dashboardRefresh(workspaceId, sessionId);
    await this.publishWebhooks(workspaceId, sessionId, current, failed);
    return { status: current };
  }

  /** Webhook events of a reveal; keys make a re-run of this job publish nothing twice. */
  private async publishWebhooks(workspaceId: string, sessionId: string, status: string, failedStages: string[]): Promise<void> {
    if (!this.webhooks) return;
    const at = new Date().toISOString();
    if (status === 'completed') await this.webhooks.publish({ workspaceId, type: 'session.completed', key: `session.completed:${sessionId}`, data: { sessionId, status, completedAt: at } });
    await this.webhooks.publish({ workspaceId, type: 'insights.revealed', key: `insights.revealed:${sessionId}`, data: { sessionId, status, failedStages } });
    const extracted = (await this.tasks.forSession(workspaceId, sessionId)).filter((t) => t.extracted);
    for (const task of extracted) await this.webhooks.publish({ workspaceId, type: 'task.created', key: `task.created:${task.id}`, data: { task: toTaskView(task) } });
  }

  /**
   * Children that failed for good are skipped over (the flow goes on without them); their state
   * row is marked here too, since the worker's `failed` listener may not have run yet.
   */
  private async recordChildFailures(job: Job<SessionJobData>): Promise<void> {
    const failures = await job.getIgnoredChildrenFailures();
    for (const [key, reason] of Object.entries(failures)) {
      const name = jobNameOfId(key.split(':').at(-1) ?? '');
      const stage: StageName | undefined = name ? JOBS[name].stage : undefined;
      if (stage) await this.repo.markStage(job.data.sessionId, stage, { status: 'failed', error: String(reason).slice(0, 2000), finishedAt: new Date() });
    }
  }
}
