/*
 * The demo as a person sees it (`npm run demo` without the launcher): the built console in the
 * machine's Chromium, the real app, the fake OpenAI in demo mode and the demo seed.
 * Screenshots: test/artifacts/demo-*.png.
 */
import { MikroORM } from '@mikro-orm/core';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DemoSeeder } from '#src/cli/demo-seeder.js';
import { withContext } from '#src/database/with-context.js';
import { UsersRepository } from '#src/users/users.repository.js';
import { UsersService } from '#src/users/users.service.js';
import { WorkspacesService } from '#src/workspaces/workspaces.service.js';
import { DEMO_LABEL } from '../support/fake-openai/demo-chat.js';
import { DEMO_RECORDING, startDemoFakeOpenAI } from '../support/fake-openai/demo-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';

const OWNER = { email: 'demo@example.com', password: 'demo password 1' };
const ADMIN = { email: 'ops@example.com', password: 'ops admin password 1' };
const WORKSPACE = 'Demo: remote control team';

describe('the demo in Chromium', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  const url = (hash: string) => `${mina.url}/admin/#${hash}`;

  async function signIn(who: typeof OWNER): Promise<void> {
    await page.goto(`${mina.url}/admin/#/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/^Welcome, /).waitFor();
  }

  beforeAll(async () => {
    const dist = adminDist();
    fake = await startDemoFakeOpenAI({ onWarning: () => undefined });
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: dist,
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'demo-fake-key',
      },
    });
    const app = mina.app;
    await withContext(app.get(MikroORM), () =>
      new DemoSeeder(
        app.get(MikroORM).em,
        app.get(UsersService),
        app.get(UsersRepository),
        app.get(WorkspacesService),
      ).seed(OWNER),
    );
    ui = await openConsoleBrowser(mina.url, DEMO_RECORDING);
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui.shot(`demo-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await fake?.close();
  });

  it('dashboard: a recording session shows when it started, not when its row was made', async () => {
    await signIn(OWNER);
    const recent = page
      .locator('#recent-sessions')
      .or(page.getByRole('region', { name: 'Recent sessions' }))
      .first();
    const item = recent.getByRole('listitem').filter({ hasText: 'Remote control design kick-off' });
    await item.waitFor();
    await expect.poll(() => item.innerText()).toMatch(/Recording[\s\S]*started[\s\S]*3 days ago/);
    expect(await item.innerText()).not.toMatch(/minute|second|now/);
    await ui.shot('demo-01-dashboard');
  });

  it('tasks: the seeded task shows its assignee, Laura, in the list and on its page', async () => {
    await page.goto(url('/tasks'));
    const row = page.getByRole('row').filter({ hasText: 'Send the kick-off minutes to the team' });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('Laura Project-Manager');
    await ui.shot('demo-02-tasks');
    await row.getByRole('link', { name: 'Send the kick-off minutes to the team' }).click();
    await page.getByText('Laura Project-Manager').waitFor();
    expect(await page.getByText('Unassigned').count()).toBe(0);
  });

  it('session: speakers are named as they introduce themselves, the duration is what was recorded', async () => {
    await page.goto(url('/sessions'));
    await page.getByRole('row').filter({ hasText: 'Remote control design kick-off' }).click();
    const transcript = page.getByRole('list', { name: 'Transcript', exact: true });
    await transcript.getByRole('listitem').first().waitFor();
    const andrew = transcript.getByRole('listitem').filter({ hasText: "And I'm Andrew" });
    await expect.poll(() => andrew.innerText()).toMatch(/^Andrew/m);
    await expect
      .poll(() => transcript.getByRole('listitem').filter({ hasText: "I'm Craig" }).innerText())
      .toMatch(/^Craig/m);
    const duration = page.getByText(/^\d+ min( \d+ s)?$/).first();
    await duration.waitFor();
    expect(await page.getByText(/^\d+ h( \d+ min)?$/).count()).toBe(0);
    await ui.shot('demo-03-session');
  });

  it('finalizing it completes the meeting, and the insights say they are demo output', async () => {
    await page
      .getByRole('button', { name: /Finali[sz]e|End session/ })
      .first()
      .click();
    await page.getByText(DEMO_LABEL).first().waitFor({ timeout: 60_000 });
    await ui.shot('demo-04-insights');
    await page.goto(url('/meetings'));
    const row = page.getByRole('row').filter({ hasText: 'Remote control design kick-off' });
    await row.waitFor();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('Completed');
    expect(await row.innerText()).not.toContain('Live');
    await ui.shot('demo-05-meetings');
  });

  it('live: the bundled recording played into the microphone is transcribed with its real words', async () => {
    await page.goto(url('/live'));
    await page.getByRole('textbox', { name: 'Session title' }).fill('Demo recording through the microphone');
    await page.getByRole('button', { name: 'Start recording' }).click();
    const finals = page.getByRole('log', { name: 'Live transcript' }).locator('li[data-kind="final"]');
    await finals.nth(1).waitFor({ timeout: 45_000 });
    await ui.shot('demo-06-live');
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByText('Session ended').waitFor({ timeout: 30_000 });
    const heard = fake.requests.filter((r) => r.route === 'transcriptions' && r.transcript);
    // Real words of the recording; anything the fake could not place is marked, never empty.
    expect(heard.some((r) => /kick-off|meeting|project|remote/i.test(r.transcript ?? ''))).toBe(true);
  });

  it('the instance admin sees the demo workspace in the console and can open it', async () => {
    const own = ui;
    ui = await openConsoleBrowser(mina.url, DEMO_RECORDING);
    page = ui.page;
    try {
      await signIn(ADMIN);
      await page.goto(url('/workspaces'));
      const row = page.getByRole('row').filter({ hasText: WORKSPACE });
      await row.waitFor();
      await ui.shot('demo-07-admin-workspaces');
      await row.getByRole('button', { name: 'Switch to this workspace' }).click();
      await page.goto(url('/meetings'));
      await page.getByRole('row').filter({ hasText: 'Remote control design kick-off' }).waitFor();
      await ui.shot('demo-08-admin-in-demo-workspace');
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
      ui = own;
      page = own.page;
    }
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
