import type { INestApplication } from '@nestjs/common';
import { PipelineQueues } from '#src/pipeline/pipeline-queues.js';

/**
 * Stops the scheduled `sweep-recordings` runs (they use the real clock) and waits out one already
 * queued, so that only the runs a test makes at its own `now` touch its recordings.
 */
export async function stopScheduledRecordingSweep(app: INestApplication): Promise<void> {
  const maintenance = app.get(PipelineQueues).queue('maintenance');
  await maintenance.removeJobScheduler('sweep-recordings');
  for (let i = 0; i < 100 && (await maintenance.getJobs(['waiting', 'delayed', 'active'])).some((j) => j.name === 'sweep-recordings'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
