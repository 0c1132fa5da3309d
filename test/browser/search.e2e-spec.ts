/*
 * Issue 12 item 6: the console's search page over GET /api/search, in Chromium against the real
 * app, PostgreSQL and Redis. Screenshots: test/artifacts/search-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '#src/app.factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';
import { loginAdmin, sessionWithTranscript, type Admin } from './seed.js';

const ADMIN = { email: 'search-admin@example.com', password: 'search admin password 1' };

describe('console search page in Chromium against the real API', () => {
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let sessionId: string;
  let taskId: string;
  const url = (hash: string) => `${mina.url}/admin/#${hash}`;

  beforeAll(async () => {
    mina = await startTestApp({
      db: 'postgresql',
      env: { MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    // ES2002b: the project manager brings up the corporate slogan at 1:46 and 2:04.
    sessionId = await sessionWithTranscript(mina, admin, 'Slogan meeting', 24);
    const task = await mina.http.post('/api/tasks').set(admin.auth).send({ title: 'Order the fashion stickers', sessionId }).expect(201);
    taskId = (task.body as { id: string }).id;
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`search-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('searches the seeded meeting from the menu, highlights the matches and jumps to the moment', async () => {
    await page.goto(`${mina.url}/admin/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: 'Search' }).click();
    await page.getByRole('textbox', { name: 'Search transcripts, summaries and tasks' }).fill('slogan');
    await page.keyboard.press('Enter');

    await page.getByRole('status').filter({ hasText: /results? for “slogan”/ }).waitFor();
    const hits = page.getByTestId('search-hit');
    expect(await hits.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => hits.first().locator('mark').first().textContent()).toMatch(/^slogan$/i);
    expect(await hits.first().textContent()).toMatch(/Transcript at \d+:\d{2}/);
    await ui.shot('search-01-results');

    const api = await mina.http.get('/api/search').query({ q: 'slogan' }).set(admin.auth).expect(200);
    const first = (api.body as { startMs: number; sessionId: string }[])[0];
    await hits.first().click();
    await page.waitForURL((u) => u.hash === `#/sessions/${sessionId}/show?t=${first.startMs}`);
    expect(first.sessionId).toBe(sessionId);
    await page.getByRole('heading', { name: 'Slogan meeting' }).first().waitFor();
    await page.getByText(/slogan/).first().waitFor();
    await ui.shot('search-02-session-moment');
  });

  it('keeps the query in the address, and a task hit opens the task', async () => {
    await page.goto(url('/search?q=stickers'));
    const hit = page.getByTestId('search-hit').filter({ hasText: 'Task' });
    await hit.first().waitFor();
    expect(await hit.first().locator('mark').textContent()).toBe('stickers');
    await hit.first().click();
    await page.waitForURL((u) => u.hash === `#/tasks/${taskId}/show`);
    await page.getByText('Order the fashion stickers').first().waitFor();
  });

  it('renders markup in the text as text, never as HTML', async () => {
    await mina.http.post('/api/tasks').set(admin.auth).send({ title: 'Fix <img src=x onerror=alert(1)> parsing' }).expect(201);
    await page.goto(url('/search?q=parsing'));
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await hit.locator('img').count()).toBe(0);
  });

  it('the live page shows one status, not "Recording · Live · Recording"', async () => {
    await page.goto(url('/live'));
    await page.getByRole('textbox', { name: 'Session title' }).fill('One status');
    await page.getByRole('button', { name: 'Start recording' }).click();
    const status = page.getByRole('region', { name: 'Status' }).getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Recording');
    expect(await status.locator('.MuiChip-root').count()).toBe(1);
    await ui.shot('search-03-live-status');
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).not.toBe('Recording');
    expect(await status.locator('.MuiChip-root').count()).toBe(1);
  });

  it('the API docs page links the public contract, and the link serves it', async () => {
    const spec = await mina.http.get('/docs-json').expect(200);
    expect((spec.body as { info: { description: string } }).info.description).toContain(`[public contract](${CONTRACT_PATH})`);
    const contract = await mina.http.get(CONTRACT_PATH).expect(200);
    expect(contract.headers['content-type']).toMatch(/^text\/markdown/);
    expect(contract.text).toContain('# Mina — public contract');
  });
});
