/*
 * Not a test on its own (its own vitest project, left out of `npm test`): recording-transcription-kill
 * runs it in a separate vitest process (MINA_CHILD_* set) so that it can kill -9 a real worker mid-file.
 */
import { writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
import { FAST } from './pipeline.harness.js';

const env = process.env;

describe.runIf(env.MINA_CHILD_READY_FILE)('child worker process (spawned by recording-transcription-kill)', () => {
  it('runs jobs until it is killed', async () => {
    const app = await startTestApp({
      databaseUrl: env.MINA_CHILD_DATABASE_URL,
      redisPrefix: env.MINA_CHILD_REDIS_PREFIX,
      env: JSON.parse(env.MINA_CHILD_ENV ?? '{}') as Record<string, string>,
      config: { pipeline: FAST },
    });
    writeFileSync(env.MINA_CHILD_READY_FILE!, app.url);
    await new Promise(() => undefined);
  }, 600_000);
});
