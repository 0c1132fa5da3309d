import { afterAll, beforeAll } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ES2002A, register, type User } from './transcription-client.js';

export interface GatewayApp {
  fake: FakeOpenAI;
  app: TestApp;
  owner: User;
}

export interface GatewayAppOptions {
  /** MINA_ASR_MODEL (default gpt-4o-transcribe). */
  model?: string;
  /** More environment for the app, decided once the fake runs (and whatever earlier hooks started). */
  env?: (fake: FakeOpenAI) => Record<string, string>;
}

/**
 * For a describe block: the fake OpenAI speaking the ES2002A meeting, one app transcribing through
 * it, and its owner signed in. Filled in by beforeAll, closed by afterAll (before what hooks
 * registered earlier in the block close: Vitest runs afterAll hooks in reverse).
 */
export function useGatewayApp(options: GatewayAppOptions = {}): GatewayApp {
  const ctx = {} as GatewayApp;
  beforeAll(async () => {
    ctx.fake = await startFakeOpenAI({ scripts: [ES2002A] });
    ctx.app = await startTestApp({
      env: {
        OPENAI_BASE_URL: ctx.fake.baseURL,
        MINA_ASR_MODEL: options.model ?? 'gpt-4o-transcribe',
        ...options.env?.(ctx.fake),
      },
    });
    ctx.owner = await register(ctx.app, 'owner');
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.fake?.close();
  });
  return ctx;
}
