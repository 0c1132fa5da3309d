import { Injectable } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import type { PipelineLauncher } from '#src/sessions/pipeline-launcher.js';
import type { JobName, SessionJobData } from '#src/jobs/jobs.js';
import { PipelineEvents } from './pipeline-events.js';
import { PipelineQueues } from './pipeline-queues.js';
import { PipelineRepository } from './pipeline.repository.js';

const DAY_S = 86_400;
/** As long as failed jobs are kept: a run number must not be reused while its jobs still exist. */
const RUN_TTL_S = 15 * DAY_S;

/** What SessionsService.finalize hands a session to (safe to call any number of times), and later runs of its pipeline. */
@Injectable()
export class PipelineLauncherService implements PipelineLauncher {
  constructor(
    private readonly queues: PipelineQueues,
    private readonly events: PipelineEvents,
    private readonly redis: RedisService,
    private readonly repo: PipelineRepository,
  ) {}

  async launch(session: { id: string; workspaceId: string }, options: { newRun?: boolean } = {}): Promise<void> {
    const run = options.newRun ? await this.nextRun(session.id) : await this.currentRun(session.id);
    const data = { sessionId: session.id, workspaceId: session.workspaceId };
    // The session's archived live audio (if any) becomes its recording beside the pipeline, not before it.
    await Promise.all([this.queues.launch({ ...data, ...(run > 0 ? { run } : {}) }), this.queues.add('keep-live-audio', data)]);
    // Relaunches (concurrent finalize calls, repairs) collapse into the first flow; announce it once.
    const first = await this.redis.client.set(this.redis.key('session', session.id, 'finalized'), '1', 'EX', DAY_S, 'NX');
    if (first === 'OK') this.events.emit(session.id, 'session_finalized');
  }

  /**
   * Runs the session's pipeline again from `from` (a dead letter retried, a stuck session
   * recovered) as a new run, through to a new reveal. The session is `processing` until then.
   */
  async resume(from: JobName, data: SessionJobData): Promise<number> {
    const run = await this.nextRun(data.sessionId);
    if (await this.repo.reopenSession(data.sessionId)) this.events.status(data.sessionId, 'processing');
    await this.queues.resume(from, { sessionId: data.sessionId, workspaceId: data.workspaceId, run });
    return run;
  }

  async currentRun(sessionId: string): Promise<number> {
    return Number((await this.redis.client.get(this.runKey(sessionId))) ?? 0);
  }

  private async nextRun(sessionId: string): Promise<number> {
    const key = this.runKey(sessionId);
    const [[, run]] = (await this.redis.client.multi().incr(key).expire(key, RUN_TTL_S).exec()) as [[Error | null, number], unknown];
    return run;
  }

  private runKey(sessionId: string): string {
    return this.redis.key('session', sessionId, 'pipeline-run');
  }
}
