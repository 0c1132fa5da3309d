import type { INestApplication } from '@nestjs/common';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';

/**
 * Stops the scheduled `sweep-recordings` (or `apply-retention`) runs (they use the real clock) and
 * waits out one already queued, so that only the runs a test makes at its own `now` touch its data.
 */
export async function stopScheduledRecordingSweep(app: INestApplication, name: 'sweep-recordings' | 'apply-retention' = 'sweep-recordings'): Promise<void> {
  const queue = app.get(PipelineQueues).queue('retention');
  await queue.removeJobScheduler(name);
  for (let i = 0; i < 100 && (await queue.getJobs(['waiting', 'delayed', 'active'])).some((j) => j.name === name); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
