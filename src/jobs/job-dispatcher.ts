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

/** A method carrying `@OnJob(job)`, and where it is (`Class.method`), for the error messages. */
export interface FoundHandler {
  job: string;
  where: string;
}

/** The boot check: every job of `registry` has exactly one handler, and every handler names a job of it. */
export function checkHandlers(registry: readonly string[], handlers: readonly FoundHandler[]): void {
  const known = new Set(registry);
  const stray = handlers.find((h) => !known.has(h.job));
  if (stray) throw new Error(`@OnJob('${stray.job}') on ${stray.where} names no job of the registry`);
  const found = new Map<string, string[]>();
  for (const h of handlers) found.set(h.job, [...(found.get(h.job) ?? []), h.where]);
  const missing = registry.filter((name) => !found.has(name));
  const doubled = [...found].filter(([, where]) => where.length > 1).map(([name, where]) => `${name} (${where.join(', ')})`);
  if (missing.length > 0) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  if (doubled.length > 0) throw new Error(`Jobs with more than one handler: ${doubled.join('; ')}`);
}

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
    const found: FoundHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(ON_JOB_KEY, fn as () => unknown);
        if (name === undefined) continue;
        found.push({ job: name, where: `${wrapper.name}.${method}` });
        if (isJobName(name)) this.handlers.set(name, (fn as JobHandler).bind(instance));
      }
    }
    checkHandlers(JOB_NAMES, found);
  }

  dispatch(job: Job, token?: string, stopping?: AbortSignal): Promise<unknown> {
    const handler = isJobName(job.name) ? this.handlers.get(job.name) : undefined;
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return withContext(this.orm, () => handler(job as Job<JobPayloads[JobName], unknown, JobName>, token, stopping));
  }
}
