/*
 * Issue 12 item 2 in a real browser: a session recorded while no speech recognizer was configured
 * says so on the dashboard, the session page and its meeting ("Not transcribed — no speech
 * recognizer was configured; 44 s of audio kept"), never "Nothing was said"; its Transcribe button
 * is disabled with the reason; after a restart with a recognizer, Transcribe fills in the transcript.
 * Screenshots: test/artifacts/not-transcribed-*.png.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, waitFor, type PipelineApp, type Stack } from '../e2e/pipeline.harness.js';
import { call, chunks, connect, loadFixture, stream } from '../e2e/transcription-client.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';

const ADMIN = { email: 'asr-admin@example.com', password: 'asr admin password 1' };
const MIC_WAV = fixtureAudio('es2002a-2min');
const NOTICE = 'Not transcribed — no speech recognizer was configured; 44 s of audio kept';

const urlOf = (a: PipelineApp) => `http://127.0.0.1:${(a.app.getHttpServer() as { address(): AddressInfo }).address().port}`;

describe('a session whose audio was not transcribed, in the console', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let app: PipelineApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let auth: Record<string, string>;
  let sessionId: string;
  let meetingId: string;
  const env = () => ({ MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password });

  async function signIn(): Promise<void> {
    await page.goto(`${urlOf(app)}/admin/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Welcome, Administrator').waitFor();
  }

  beforeAll(async () => {
    stack = await createStack();
    fake = await startFakeOpenAI({ scripts: [MIC_WAV] });
    app = await stack.start({ env: env() });
    const login = await app.http.post('/api/auth/login').send(ADMIN).expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    const workspaceId = (me.body as { memberships: { workspaceId: string }[] }).memberships[0].workspaceId;
    auth = { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId };
    meetingId = ((await app.http.post('/api/meetings').set(auth).send({ title: 'Kick-off' }).expect(201)).body as { id: string }).id;
    sessionId = ((await app.http.post('/api/sessions').set(auth).send({ title: 'Kick-off without ASR', meetingId }).expect(201)).body as { id: string }).id;
    const socket = await connect(urlOf(app), { token, workspaceId });
    try {
      expect((await call(socket, 'session:join', { sessionId })).ok).toBe(true);
      const acks = await stream(socket, sessionId, chunks(loadFixture(), 500).slice(0, 88));
      expect(acks.every((a) => a.ok)).toBe(true);
      expect((await call(socket, 'session:end', { sessionId })).ok).toBe(true);
    } finally {
      socket.close();
    }
    await waitFor('the session to complete', async () => ((await app.http.get(`/api/sessions/${sessionId}`).set(auth)).body as { status: string }).status === 'completed', 30_000);
    ui = await openConsoleBrowser(urlOf(app), MIC_WAV);
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`not-transcribed-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
  });

  it('says so on the dashboard, the session page and the meeting, with Transcribe disabled for the reason', async () => {
    await signIn();
    await page.getByTestId('asr-missing').getByText('No speech recognizer configured').waitFor();
    await page.getByText(NOTICE).waitFor();
    await ui.shot('not-transcribed-01-dashboard');

    await page.goto(`${urlOf(app)}/admin/#/sessions/${sessionId}/show`);
    const notice = page.getByTestId('not-transcribed-notice');
    await notice.getByText(NOTICE).waitFor();
    const button = notice.getByRole('button', { name: 'Transcribe' });
    await button.waitFor();
    await page.getByText('No speech recognizer is configured yet').waitFor();
    expect(await button.isDisabled()).toBe(true);
    await page.locator('[data-stage="summary"][data-state="skipped"]').waitFor();
    await page.getByTestId('stage-skipped-summary').waitFor();
    expect(await page.getByText('Nothing was said').count()).toBe(0);
    await ui.shot('not-transcribed-02-session');

    await page.goto(`${urlOf(app)}/admin/#/meetings/${meetingId}/show`);
    await page.getByTestId('not-transcribed-notice').getByText(NOTICE).waitFor();
    await ui.shot('not-transcribed-03-meeting');
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('transcribes the kept audio once a recognizer is configured', async () => {
    await app.close();
    app = await stack.start({ env: { ...env(), OPENAI_BASE_URL: fake.baseURL } });
    await signIn();
    expect(await page.getByTestId('asr-missing').count()).toBe(0);
    await page.goto(`${urlOf(app)}/admin/#/sessions/${sessionId}/show`);
    const button = page.getByTestId('not-transcribed-notice').getByRole('button', { name: 'Transcribe' });
    await button.waitFor();
    await waitFor('Transcribe to be enabled', async () => !(await button.isDisabled()), 10_000);
    await ui.shot('not-transcribed-04-before-transcribe');
    await button.click();
    await page.getByTestId('not-transcribed-notice').waitFor({ state: 'detached', timeout: 60_000 });
    await page.locator('[data-stage="summary"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await ui.shot('not-transcribed-05-transcribed');
    const segments = (await app.http.get(`/api/sessions/${sessionId}/segments`).set(auth).expect(200)).body as unknown[];
    expect(segments.length).toBeGreaterThan(3);
  }, 120_000);
});
