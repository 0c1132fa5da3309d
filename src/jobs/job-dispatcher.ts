import { MikroORM } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { withContext } from '#src/database/with-context.js';
import { ON_JOB_KEY } from './on-job.decorator.js';
import { isJobName, JOB_NAMES, type JobName, type JobPayloads } from './jobs.js';

/**
 * `token` is the job's lock token, for handlers that move their job (e.g. back to delayed);
 * `stopping` aborts when the process shuts down, for long jobs that hand themselves back.
 */
export type JobHandler<N extends JobName = JobName> = (job: Job<JobPayloads[N], unknown, N>, token?: string, stopping?: AbortSignal) => Promise<unknown>;

/**
 * Finds every `@OnJob` handler at start and refuses to boot when a job of the registry has no
 * handler or two. Runs each job in its own unit of work.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(ON_JOB_KEY, fn as () => unknown);
        if (name === undefined) continue;
        if (!isJobName(name)) throw new Error(`@OnJob('${name}') on ${wrapper.name}.${method} names no job of the registry`);
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name}.${method}`]);
        this.handlers.set(name, (fn as JobHandler).bind(instance));
      }
    }
    const missing = JOB_NAMES.filter((name) => !found.has(name));
    const doubled = [...found].filter(([, where]) => where.length > 1).map(([name, where]) => `${name} (${where.join(', ')})`);
    if (missing.length > 0) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
    if (doubled.length > 0) throw new Error(`Jobs with more than one handler: ${doubled.join('; ')}`);
  }

  dispatch(job: Job, token?: string, stopping?: AbortSignal): Promise<unknown> {
    const handler = isJobName(job.name) ? this.handlers.get(job.name) : undefined;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return withContext(this.orm, () => handler(job as Job<JobPayloads[JobName], unknown, JobName>, token, stopping));
  }
}
