/*
 * Not a test on its own (its own vitest project, left out of `npm test`): transcription-kill runs it in a separate vitest
 * process (MINA_CHILD_* set) so that it can kill -9 a real app process mid-stream.
 */
import { writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';

const env = process.env;

describe.runIf(env.MINA_CHILD_URL_FILE)('child api process (spawned by transcription-kill)', () => {
  it('serves until it is killed', async () => {
    const app = await startTestApp({
      databaseUrl: env.MINA_CHILD_DATABASE_URL,
      redisPrefix: env.MINA_CHILD_REDIS_PREFIX,
      // MINA_CHILD_ENV: more environment (JSON) for the child app, as its parent test configured its own.
      env: { OPENAI_BASE_URL: env.MINA_CHILD_OPENAI_BASE_URL!, MINA_ASR_MODEL: 'gpt-4o-transcribe', ...(JSON.parse(env.MINA_CHILD_ENV ?? '{}') as Record<string, string>) },
    });
    writeFileSync(env.MINA_CHILD_URL_FILE!, app.url);
    await new Promise(() => undefined);
  }, 600_000);
});
