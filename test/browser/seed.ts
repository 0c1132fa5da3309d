/* Data the console screens show, made through the real app: a meeting transcript, a dead letter, SLO samples. */
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { scriptLlm } from '../e2e/pipeline.fake-llm.js';
import type { HeardWord } from '../support/fake-openai/audio-matcher.js';
import type { TranscribeRequest } from '../support/fake-openai/fake-openai.types.js';
import { DeadLettersRepository } from '#src/jobs/dead-letters/dead-letters.repository.js';
import { SloSampler } from '#src/slo/slo-sampler.service.js';
import { insertSegments, meetingTurns, waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';

export interface Admin {
  email: string;
  password: string;
  token: string;
  workspaceId: string;
  auth: Record<string, string>;
}

export async function loginAdmin(t: TestApp, email: string, password: string): Promise<Admin> {
  const login = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
  const token = (login.body as { accessToken: string }).accessToken;
  const me = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  const workspaceId = (me.body as { memberships: { workspaceId: string }[] }).memberships[0].workspaceId;
  return {
    email,
    password,
    token,
    workspaceId,
    auth: { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId },
  };
}

/** A meeting in the admin's workspace with `turns` final segments of ES2002b. */
export async function sessionWithTranscript(
  t: TestApp,
  admin: Admin,
  title: string,
  turns: number,
): Promise<string> {
  const res = await t.http.post('/api/sessions').set(admin.auth).send({ title }).expect(201);
  const id = (res.body as { id: string }).id;
  await insertSegments(t.app, id, meetingTurns('ES2002b.json', turns));
  return id;
}

/** Ends the session and waits for the pipeline (scripted fake LLM) to complete it. */
export async function finalized(t: TestApp, admin: Admin, sessionId: string): Promise<void> {
  await t.http.post(`/api/sessions/${sessionId}/finalize`).set(admin.auth).expect(202);
  await waitFor(
    `session ${sessionId} to complete`,
    async () => (await t.http.get(`/api/sessions/${sessionId}`).set(admin.auth)).body.status === 'completed',
    30_000,
  );
}

/** What the pipeline writes when a stage has failed for good (here: the summary of `sessionId`). */
export async function deadLetter(app: INestApplication, admin: Admin, sessionId: string): Promise<void> {
  await app.get(DeadLettersRepository).record({
    queue: 'pipeline',
    jobName: 'summary',
    jobId: `summary-${sessionId}`,
    sessionId,
    workspaceId: admin.workspaceId,
    error: 'relation "summary" does not exist',
    stack:
      'DriverException: relation "summary" does not exist\n    at SummaryRepository.save (summary.repository.ts:42:11)',
    attempts: 3,
    data: { sessionId, workspaceId: admin.workspaceId },
    failedAt: new Date(Date.now() - 5 * 60_000),
  });
}

/** Traffic, then sampler steps over the last few minutes, so every SLO chart has points. */
export async function sloSamples(t: TestApp, admin: Admin): Promise<void> {
  const sampler = t.app.get(SloSampler);
  const now = Date.now();
  for (let step = 4; step >= 0; step--) {
    for (let i = 0; i < 15; i++) await t.http.get('/api/me').set(admin.auth).expect(200);
    await t.http.get('/api/nope-not-a-route').set(admin.auth);
    await sampler.sample(now - step * 60_000);
  }
}

/** Root-mean-square level of PCM16 audio, 0..1. */
function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += (s / 32768) ** 2;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

const FILLER = ['okay', 'so', 'the', 'remote', 'control', 'design', 'needs', 'to', 'be', 'trendy'];

/**
 * Browser audio is resampled and processed (48 kHz capture → worklet → 16 kHz), so it is never
 * bit-identical to the fixture: keep what the matcher heard, else answer words for any window
 * with speech energy (silence stays silent).
 */
export function wordsForAnyVoice(req: TranscribeRequest): HeardWord[] | string | undefined {
  if (req.heard.length > 0 || !req.audio) return undefined;
  if (rms(req.audio.samples) < 0.003) return '';
  const n = Math.max(2, Math.min(FILLER.length, Math.round(req.durationMs / 400)));
  return FILLER.slice(0, n).join(' ');
}

export interface ConsoleStack {
  fake: FakeOpenAI;
  mina: TestApp;
  admin: Admin;
  ui: ConsoleBrowser;
  page: Page;
  close(): Promise<void>;
}

/**
 * The console against the real app on PostgreSQL, with the fake OpenAI as speech recognizer (any
 * voice from the fake microphone `micWav` is heard) and as scripted LLM, signed in over the API as
 * the instance admin, and a Chromium whose microphone plays `micWav`.
 */
export async function startConsoleStack(
  credentials: { email: string; password: string },
  micWav: string,
  env: Record<string, string> = {},
): Promise<ConsoleStack> {
  const fake = await startFakeOpenAI({
    scripts: [micWav],
    match: 'exact-or-envelope',
    transcribe: wordsForAnyVoice,
  });
  scriptLlm(fake, { assignee: 'Administrator' });
  const mina = await startTestApp({
    db: 'postgresql',
    env: {
      MINA_ADMIN_DIST: adminDist(),
      MINA_ADMIN_EMAIL: credentials.email,
      MINA_ADMIN_PASSWORD: credentials.password,
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'test',
      MINA_ASR_MODEL: 'gpt-4o-transcribe',
      ...env,
    },
  });
  const admin = await loginAdmin(mina, credentials.email, credentials.password);
  const ui = await openConsoleBrowser(mina.url, micWav);
  return {
    fake,
    mina,
    admin,
    ui,
    page: ui.page,
    close: async () => {
      await ui.close();
      await mina.close();
      await fake.close();
    },
  };
}
