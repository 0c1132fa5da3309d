import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs.js';

export const ON_JOB_KEY = 'mina:on-job';

/** Declares the method that handles a job of the registry; exactly one per job name. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB_KEY, name);
