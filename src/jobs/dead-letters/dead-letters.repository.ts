import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { isUuid } from '#src/common/uuid.pipe.js';
import { type ListQuery, type ListResult } from '#src/common/list-query.js';
import { DeadLetter } from './dead-letter.entity.js';

const SORT: Record<string, string> = { failedAt: 'failedAt', createdAt: 'createdAt', queue: 'queue', jobName: 'jobName', attempts: 'attempts', id: 'id' };

/** Instance-wide (admin only): dead letters belong to no single workspace. */
@Injectable()
export class DeadLettersRepository {
  static readonly sortable = Object.keys(SORT);

  constructor(private readonly em: EntityManager) {}

  async record(data: Omit<DeadLetter, 'id' | 'createdAt' | 'updatedAt'>): Promise<void> {
    const em = this.em.fork();
    em.create(DeadLetter, data);
    await em.flush();
  }

  /** A job that has exhausted its attempts, whatever its queue. */
  recordJob(job: Job): Promise<void> {
    const data = (job.data ?? {}) as Record<string, unknown>;
    return this.record({
      queue: job.queueName,
      jobName: job.name,
      jobId: job.id ?? '',
      sessionId: isUuid(data.sessionId) ? data.sessionId : undefined,
      workspaceId: isUuid(data.workspaceId) ? data.workspaceId : undefined,
      error: job.failedReason || 'unknown error',
      stack: job.stacktrace?.at(-1) ?? undefined,
      attempts: job.attemptsMade,
      data,
      failedAt: new Date(job.finishedOn ?? Date.now()),
    });
  }

  async list(query: ListQuery): Promise<ListResult<DeadLetter>> {
    const where: FilterQuery<DeadLetter> = {};
    const f = query.filter;
    if (Array.isArray(f.id)) Object.assign(where, { id: { $in: f.id as string[] } });
    for (const key of ['queue', 'jobName', 'sessionId', 'workspaceId'] as const) {
      if (typeof f[key] === 'string') Object.assign(where, { [key]: f[key] });
    }
    const [items, total] = await this.em.findAndCount(DeadLetter, where, {
      orderBy: { [SORT[query.sort.field] ?? 'failedAt']: query.sort.order, id: 'ASC' },
      offset: query.range.start,
      limit: query.range.end - query.range.start + 1,
    });
    return { items, total };
  }

  findOne(id: string): Promise<DeadLetter | null> {
    return this.em.findOne(DeadLetter, { id });
  }

  async remove(id: string): Promise<void> {
    await this.em.nativeDelete(DeadLetter, { id });
  }
}
