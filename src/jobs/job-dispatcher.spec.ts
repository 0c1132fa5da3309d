import { MikroORM } from '@mikro-orm/core';
import { Injectable, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { checkHandlers, JobDispatcher, type FoundHandler } from './job-dispatcher.js';
import { JOB_NAMES, type JobName } from './jobs.js';
import { OnJob } from './on-job.decorator.js';

const at = (job: string, where = `Jobs.${job}`): FoundHandler => ({ job, where });

describe('checkHandlers: every job of the registry has exactly one handler', () => {
  const cases: { name: string; registry: string[]; handlers: FoundHandler[]; error?: string }[] = [
    { name: 'an empty registry and no handlers', registry: [], handlers: [] },
    { name: 'one handler each', registry: ['a', 'b'], handlers: [at('b'), at('a')] },
    { name: 'a job without a handler', registry: ['a', 'b', 'c'], handlers: [at('a')], error: 'Jobs without a handler: b, c' },
    { name: 'a job with two handlers', registry: ['a'], handlers: [at('a', 'First.run'), at('a', 'Second.run')], error: 'Jobs with more than one handler: a (First.run, Second.run)' },
    { name: 'two jobs with two handlers each', registry: ['a', 'b'], handlers: [at('a'), at('b'), at('a', 'X.a'), at('b', 'X.b')], error: 'Jobs with more than one handler: a (Jobs.a, X.a); b (Jobs.b, X.b)' },
    { name: 'a handler of no job of the registry', registry: ['a'], handlers: [at('a'), at('z', 'Stray.z')], error: "@OnJob('z') on Stray.z names no job of the registry" },
    { name: 'missing is told before doubled', registry: ['a', 'b'], handlers: [at('a'), at('a', 'X.a')], error: 'Jobs without a handler: b' },
  ];
  it.each(cases)('$name', ({ registry, handlers, error }) => {
    const check = () => checkHandlers(registry, handlers);
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });
});

/** A provider class whose methods handle `jobs` (one `@OnJob` method each). */
function handlers(className: string, jobs: readonly string[]): new () => object {
  const cls = { [className]: class {} }[className];
  for (const job of jobs) {
    const key = `run_${job.replace(/\W/g, '_')}`;
    Object.defineProperty(cls.prototype, key, { value: (data: unknown) => Promise.resolve({ job, data }), writable: true, configurable: true });
    OnJob(job as JobName)(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key)!);
  }
  Injectable()(cls);
  return cls;
}

/** Boots a Nest module holding the dispatcher and these providers; the ORM is never reached by the boot check. */
async function boot(providers: (new () => object)[]): Promise<JobDispatcher> {
  const module = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobDispatcher, { provide: MikroORM, useValue: {} }, ...providers] }).compile();
  await module.init();
  return module.get(JobDispatcher);
}

describe('JobDispatcher scans the providers for @OnJob at boot', () => {
  const [first, ...rest] = JOB_NAMES;
  const cases: { name: string; providers: (new () => object)[]; error?: RegExp }[] = [
    { name: 'every job of the registry, across two providers', providers: [handlers('Stages', [first]), handlers('Others', rest)] },
    { name: 'one job left without a handler', providers: [handlers('Others', rest)], error: new RegExp(`^Jobs without a handler: ${first}$`) },
    { name: 'one job handled twice', providers: [handlers('Stages', JOB_NAMES), handlers('Again', [first])], error: new RegExp(`^Jobs with more than one handler: ${first} \\(Stages\\.run_\\w+, Again\\.run_\\w+\\)$`) },
    { name: 'a handler of an unknown job', providers: [handlers('Stages', [...JOB_NAMES, 'no-such-job'])], error: /^@OnJob\('no-such-job'\) on Stages\.run_no_such_job names no job of the registry$/ },
  ];
  it.each(cases)('$name', async ({ providers, error }) => {
    if (error) await expect(boot(providers)).rejects.toThrow(error);
    else await expect(boot(providers)).resolves.toBeInstanceOf(JobDispatcher);
  });

  it('ignores request-scoped providers (no instance at boot), so their handlers do not count', async () => {
    const scoped = handlers('Scoped', [first]);
    Injectable({ scope: Scope.REQUEST })(scoped);
    await expect(boot([scoped, handlers('Others', rest)])).rejects.toThrow(`Jobs without a handler: ${first}`);
  });
});
