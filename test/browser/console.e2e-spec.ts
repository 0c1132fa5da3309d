/*
 * The admin console in a real browser (the machine's Chromium via playwright-core) against the
 * real app, PostgreSQL, Redis and the fake OpenAI server. Screenshots: test/artifacts/console-*.png.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { SCRIPTED_DECISION, SCRIPTED_TASK } from '../e2e/pipeline.fake-llm.js';
import { dismissToast, shotOnFailure, type ConsoleBrowser } from './browser.js';
import {
  deadLetter,
  finalized,
  sessionWithTranscript,
  sloSamples,
  startConsoleStack,
  type Admin,
  type ConsoleStack,
} from './seed.js';

const ADMIN = { email: 'console-admin@example.com', password: 'console admin password 1' };
const MIC_WAV = fixtureAudio('es2002a-2min');
const TURNS = 24;

describe('admin console in Chromium against the real API', () => {
  let stack: ConsoleStack;
  let fake: FakeOpenAI;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let transcriptSession: string;
  let failedSession: string;
  const url = (hash: string) => `${mina.url}/admin/#${hash}`;

  beforeAll(async () => {
    stack = await startConsoleStack(ADMIN, MIC_WAV, { MINA_BACKUP_KEY: randomBytes(32).toString('base64') });
    ({ fake, mina, admin, ui, page } = stack);
    transcriptSession = await sessionWithTranscript(mina, admin, 'Remote control kick-off', TURNS);
    await finalized(mina, admin, transcriptSession);
    failedSession = await sessionWithTranscript(mina, admin, 'Design review', 8);
    await deadLetter(mina.app, admin, failedSession);
    await sloSamples(mina, admin);
  });

  afterEach(shotOnFailure('console', () => ui));

  afterAll(async () => {
    await stack?.close();
  });

  it('serves the built console at /admin and signs the instance admin in', async () => {
    await page.goto(`${mina.url}/admin/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await ui.shot('console-01-login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Welcome, Administrator').waitFor();
    await ui.shot('console-02-dashboard');
  });

  it('creates a user, then disables them (the API agrees)', async () => {
    await page.goto(url('/users'));
    await page.getByRole('cell', { name: ADMIN.email }).waitFor();
    await page.getByRole('link', { name: 'Create user' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill('grace@example.com');
    await page.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
    await page.getByLabel(/^Password/).fill('a long enough password');
    await ui.shot('console-03-user-create');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();

    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable user' }).waitFor();
    await page.getByText('Disabled', { exact: true }).first().waitFor();
    await ui.shot('console-04-user-disabled');
    await dismissToast(page, 'grace@example.com is disabled');

    const list = await mina.http.get('/api/admin/users').set(admin.auth).expect(200);
    const grace = (list.body as { email: string; isActive: boolean }[]).find(
      (u) => u.email === 'grace@example.com',
    );
    expect(grace).toMatchObject({ isActive: false });
    await mina.http
      .post('/api/auth/login')
      .send({ email: 'grace@example.com', password: 'a long enough password' })
      .expect(403);

    await page.goto(url('/users'));
    await page
      .getByRole('row', { name: /grace@example\.com/ })
      .getByText('Disabled')
      .waitFor();
    await ui.shot('console-05-users');
  });

  it('retries a dead letter: the row goes, the job runs again and the summary appears', async () => {
    await page.goto(url('/dead-letters'));
    const row = page.getByRole('row', { name: /summary/ });
    await row.waitFor();
    await ui.shot('console-06-dead-letters');
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Job sent back to its queue').waitFor();
    await row.waitFor({ state: 'detached' });
    await ui.shot('console-07-dead-letters-retried');
    await dismissToast(page, 'Job sent back to its queue');

    await mina.http
      .get('/api/admin/dead-letters')
      .set(admin.auth)
      .expect(200)
      .expect('content-range', 'dead-letters */0');
    await expect
      .poll(
        async () =>
          (await mina.http.get(`/api/sessions/${failedSession}/insights`).set(admin.auth)).body.summary,
        { timeout: 20_000, interval: 250 },
      )
      .toBeTruthy();
  });

  it('renders the SLO dashboard: a card per SLO and four charts drawn from sampled data', async () => {
    await page.goto(url('/slo'));
    for (const name of [
      'API availability',
      'Live segment latency (p95)',
      'Finalize → reveal (p95)',
      'Audio chunk ack (p99)',
    ])
      await page.getByRole('region', { name, exact: true }).waitFor();
    for (const name of ['Latency (p50 / p95 / p99)', 'Availability', 'Queue depth', 'Circuit breakers']) {
      const figure = page.getByRole('figure', { name, exact: true });
      await figure.waitFor();
      // recharts draws a curve (or bars) only when the series has points.
      await figure.locator('.recharts-curve, .recharts-rectangle').first().waitFor({ state: 'attached' });
    }
    // Availability is a percentage in the API (target 99.9), not a ratio.
    expect(await page.getByRole('region', { name: 'API availability', exact: true }).textContent()).toContain(
      '99.90 %',
    );
    await ui.shot('console-08-slo');
  });

  it('shows a finished meeting: one transcript item per segment, with its summary, tasks and talk time', async () => {
    await page.goto(url(`/sessions/${transcriptSession}/show`));
    const items = page.getByRole('list', { name: 'Transcript', exact: true }).getByRole('listitem');
    await items.first().waitFor();
    await expect.poll(() => items.count()).toBe(TURNS);
    await page.getByText(SCRIPTED_TASK).first().waitFor();
    // Summary items are { text, speaker, atMs } objects, rendered with their speaker and time.
    await page.getByRole('region', { name: 'Decisions' }).getByText(SCRIPTED_DECISION).waitFor();
    await page.getByRole('figure', { name: 'Talk time' }).waitFor();
    await ui.shot('console-09-transcript');
  });

  it('records from the (fake) microphone: chunks stream to the gateway and live segments appear', async () => {
    await page.goto(url('/live'));
    await page.getByRole('textbox', { name: 'Session title' }).fill('Live from Chromium');
    await page.getByRole('button', { name: 'Start recording' }).click();
    const finals = page.getByRole('log', { name: 'Live transcript' }).locator('li[data-kind="final"]');
    await finals.nth(1).waitFor({ timeout: 30_000 });
    await ui.shot('console-10-live-recording');
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByText('Session ended').waitFor({ timeout: 30_000 });
    await page
      .getByRole('list', { name: 'Pipeline events' })
      .getByText('Insights revealed')
      .waitFor({ timeout: 30_000 });
    await ui.shot('console-11-live-stopped');

    const sessions = await mina.http.get('/api/sessions').set(admin.auth).expect(200);
    const live = (sessions.body as { id: string; title: string }[]).find(
      (s) => s.title === 'Live from Chromium',
    );
    expect(live).toBeDefined();
    const segments = await mina.http.get(`/api/sessions/${live!.id}/segments`).set(admin.auth).expect(200);
    expect((segments.body as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(
      fake.requests.filter((r) => r.route === 'transcriptions' && (r.audioMs ?? 0) > 0).length,
    ).toBeGreaterThan(0);

    // The recorded meeting's own page shows what was persisted.
    await page
      .getByRole('link', { name: 'Open session' })
      .or(page.getByRole('button', { name: 'Open session' }))
      .first()
      .click();
    const items = page.getByRole('list', { name: 'Transcript', exact: true }).getByRole('listitem');
    await items.first().waitFor();
    await expect.poll(() => items.count()).toBe((segments.body as unknown[]).length);
    await ui.shot('console-12-live-session');
  });

  it('logged no errors in the page (render errors caught by error boundaries included)', () => {
    expect(ui.errors).toEqual([]);
  });
});
