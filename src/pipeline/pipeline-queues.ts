import { InjectFlowProducer } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FlowProducer, Job, Queue, type JobState } from 'bullmq';
import { MINA_CONFIG } from '#src/config/config.module.js';
import { type MinaConfig } from '#src/config/config.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { JOBS, jobOptions, sessionJobId, type JobName, type QueueName, type SessionJobData } from '#src/jobs/jobs.js';
import { pipelineSettings, type PipelineSettings } from './pipeline-settings.js';

export const PIPELINE_FLOWS = 'pipeline-flows';
const FAN_OUT: JobName[] = ['analytics', 'tasks', 'summary'];
/** Every job of one run of a session's pipeline. */
export const SESSION_JOBS: JobName[] = ['refine', 'insights', ...FAN_OUT, 'reveal'];

/** The pipeline's producer: the flows of one session, and its single jobs (resumptions, recordings). */
@Injectable()
export class PipelineQueues {
  private readonly logger = new Logger(PipelineQueues.name);
  readonly settings: PipelineSettings;

  constructor(
    private readonly jobs: JobQueues,
    @InjectFlowProducer(PIPELINE_FLOWS) private readonly flows: FlowProducer,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.settings = pipelineSettings(config);
    // Without a listener ioredis prints every reconnect attempt; readiness already reports Redis outages.
    flows.on('error', (error: Error) => this.logger.debug(`Flow producer connection: ${error.message}`));
  }

  queue(name: QueueName): Queue {
    return this.jobs.queue(name);
  }

  /** One job of a session outside the pipeline's flows; its id derives from the session, so adding it twice is a no-op. */
  async add(name: JobName, data: SessionJobData): Promise<void> {
    await this.queue(JOBS[name].queue).add(name, data, jobOptions(name, this.settings, data));
  }

  private node(name: JobName, data: SessionJobData) {
    return {
      name,
      queueName: JOBS[name].queue,
      data,
      // A stage that fails for good is dead-lettered; the rest of the pipeline still runs.
      opts: { ...jobOptions(name, this.settings, data), ignoreDependencyOnFailure: true },
    };
  }

  /** refine, then `insights` (which adds the second flow). Ids derive from the session: a relaunch is a no-op. */
  async launch(data: SessionJobData): Promise<void> {
    const { opts } = this.node('insights', data);
    await this.flows.add({ ...this.node('insights', data), opts: { ...opts, ignoreDependencyOnFailure: undefined }, children: [this.node('refine', data)] });
  }

  /** analytics ∥ tasks ∥ summary → reveal. */
  async fanOut(data: SessionJobData): Promise<void> {
    const { opts } = this.node('reveal', data);
    await this.flows.add({
      ...this.node('reveal', data),
      opts: { ...opts, ignoreDependencyOnFailure: undefined },
      children: FAN_OUT.map((name) => this.node(name, data)),
    });
  }

  getJob(queue: QueueName, id: string): Promise<Job | undefined> {
    return this.jobs.getJob(queue, id);
  }

  /**
   * Resumes a session's pipeline from `name` as a new run (fresh job ids, so the finished jobs of
   * earlier runs stay as history): refine re-runs everything after it, insights the fan-out, a
   * fan-out stage runs again before a reveal, and a reveal runs alone.
   */
  async resume(name: JobName, data: SessionJobData): Promise<void> {
    switch (name) {
      case 'refine':
        return this.launch(data);
      case 'analytics':
      case 'tasks':
      case 'summary': {
        const { opts } = this.node('reveal', data);
        await this.flows.add({ ...this.node('reveal', data), opts: { ...opts, ignoreDependencyOnFailure: undefined }, children: [this.node(name, data)] });
        return;
      }
      case 'insights':
      case 'reveal':
        await this.queue('pipeline').add(name, data, jobOptions(name, this.settings, data));
        return;
      case 'sweep-abandoned':
      case 'expire-uploads':
      case 'sweep-recordings':
      case 'backup':
      case 'apply-retention':
        throw new Error(`${name} belongs to no session`);
      case 'ingest-upload':
        throw new Error('ingest-upload is retried by its upload, not resumed as a pipeline stage');
      case 'keep-live-audio':
      case 'deliver-webhook':
      case 'sweep-webhooks':
      case 'copilot-scan':
        throw new Error(`${name} is not a stage of the pipeline`);
      case 'translate':
        throw new Error('translate is retried by asking for the translation again (POST /api/sessions/:id/translations)');
      case 'transcribe-recording':
        await this.queue('recordings').add(name, data, jobOptions(name, this.settings, data));
        return;
    }
  }

  /** State of each job of one run of a session ('unknown' when there is no such job). */
  async runStates(data: SessionJobData): Promise<Record<string, JobState | 'unknown'>> {
    const states = await Promise.all(SESSION_JOBS.map((name) => this.queue('pipeline').getJobState(sessionJobId(name, data.sessionId, data.run))));
    return Object.fromEntries(SESSION_JOBS.map((name, i) => [name, states[i]]));
  }

  jobId(name: JobName, sessionId: string, run?: number): string {
    return sessionJobId(name, sessionId, run);
  }
}
