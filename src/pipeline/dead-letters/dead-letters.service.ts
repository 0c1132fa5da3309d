import { Injectable } from '@nestjs/common';
import { AuditService } from '#src/audit/audit.service.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { MinaException, notFound } from '#src/common/mina.exception.js';
import type { DeadLetter } from '#src/jobs/dead-letters/dead-letter.entity.js';
import { isJobName } from '#src/jobs/jobs.js';
import { PipelineLauncherService } from '../pipeline-launcher.service.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { PipelineQueues, SESSION_JOBS } from '../pipeline-queues.js';
import { DeadLettersRepository } from '#src/jobs/dead-letters/dead-letters.repository.js';
import type * as Views from '@mina/contract/views';

export type DeadLetterView = Views.DeadLetterView<Date>;

const toView = (d: DeadLetter): DeadLetterView => ({
  id: d.id,
  queue: d.queue,
  jobName: d.jobName,
  jobId: d.jobId,
  sessionId: d.sessionId ?? null,
  workspaceId: d.workspaceId ?? null,
  error: d.error,
  stack: d.stack ?? null,
  attempts: d.attempts,
  data: d.data,
  failedAt: d.failedAt,
  createdAt: d.createdAt,
});

export interface AdminActor {
  userId: string;
  ip: string;
}

@Injectable()
export class DeadLettersService {
  constructor(
    private readonly repo: DeadLettersRepository,
    private readonly queues: PipelineQueues,
    private readonly jobs: JobQueues,
    private readonly launcher: PipelineLauncherService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListQuery): Promise<ListResult<DeadLetterView>> {
    const page = await this.repo.list(query);
    return { total: page.total, items: page.items.map(toView) };
  }

  async get(id: string): Promise<DeadLetterView> {
    return toView(await this.load(id));
  }

  /**
   * A session's pipeline job resumes the pipeline from it (what came after it runs again, then a
   * reveal); any other job runs again under its own id. Drops the letter; a new failure writes a new one.
   */
  async retry(id: string, actor: AdminActor): Promise<{ id: string; jobId: string }> {
    const letter = await this.load(id);
    const name = letter.jobName;
    if (!isJobName(name)) throw new MinaException('CONFLICT', `Job ${name} is no longer known; discard it instead`);
    let jobId = letter.jobId;
    if (SESSION_JOBS.includes(name) && letter.sessionId && letter.workspaceId) {
      const run = await this.launcher.resume(name, { sessionId: letter.sessionId, workspaceId: letter.workspaceId });
      jobId = this.queues.jobId(name, letter.sessionId, run);
    } else {
      await this.jobs.readd(name, letter.data, letter.jobId);
    }
    await this.repo.remove(letter.id);
    await this.audit.record({ actorId: actor.userId, action: 'dead_letter.retry', target: `dead-letter:${letter.id}`, workspaceId: letter.workspaceId, ip: actor.ip, data: { queue: letter.queue, jobName: letter.jobName, jobId: letter.jobId, sessionId: letter.sessionId } });
    return { id: letter.id, jobId };
  }

  async discard(id: string, actor: AdminActor): Promise<void> {
    const letter = await this.load(id);
    await this.repo.remove(letter.id);
    await this.audit.record({ actorId: actor.userId, action: 'dead_letter.discard', target: `dead-letter:${letter.id}`, workspaceId: letter.workspaceId, ip: actor.ip, data: { queue: letter.queue, jobName: letter.jobName, jobId: letter.jobId, sessionId: letter.sessionId } });
  }

  private async load(id: string): Promise<DeadLetter> {
    const letter = await this.repo.findOne(id);
    if (!letter) throw notFound('Dead letter');
    return letter;
  }
}
