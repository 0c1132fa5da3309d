/*
 * Translating a session from the console (Chromium via playwright-core) against the real app,
 * PostgreSQL and our fake OpenAI-compatible server: the user picks a language, the translation is
 * made by a job and shown beside the original, each cell marked with its language; the workspace's
 * summary language is set from the workspace form. Screenshots: test/artifacts/translation-*.png.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installDemoChat } from '../support/fake-openai/demo-chat.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { installTranslationChat } from '../support/fake-openai/translation-chat.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, type Admin } from './seed.js';

const ADMIN = { email: 'translation-admin@example.com', password: 'translation admin password 1' };
const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/exports/multiscript.vtt'));

describe('translating a session in the console', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ strictModels: false });
    installDemoChat(fake);
    installTranslationChat(fake);
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_API_KEY: 'test',
        OPENAI_BASE_URL: fake.baseURL,
      },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui
        .shot(`translation-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await fake?.close();
  });

  it('shows the transcript and summary beside their French translation, and the summary language set on the workspace', async () => {
    const made = await mina.http
      .post('/api/sessions/import')
      .set(admin.auth)
      .field('title', 'Release review')
      .attach('file', FIXTURE, 'release.vtt')
      .expect(201);
    const sessionId = (made.body as { id: string }).id;
    await waitFor(
      'the imported session to complete',
      async () =>
        (await mina.http.get(`/api/sessions/${sessionId}`).set(admin.auth)).body.status === 'completed',
      30_000,
    );
    const segments = (await mina.http.get(`/api/sessions/${sessionId}/segments`).set(admin.auth).expect(200))
      .body as { text: string; refinedText: string | null }[];

    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    const panel = page.getByRole('region', { name: 'Translation' });
    await panel.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'French' }).click();
    await panel.getByRole('button', { name: 'Translate' }).click();
    await panel.getByText(/Translated into French by the AI model/).waitFor({ timeout: 30_000 });

    const transcript = panel.getByRole('table', { name: 'Transcript, original and French' });
    const first = segments[0].refinedText?.trim() ? segments[0].refinedText : segments[0].text;
    await expect.poll(async () => transcript.locator('td[lang="fr"]').count()).toBe(segments.length);
    expect(await transcript.locator('td[lang="fr"]').first().textContent()).toBe(
      `[fr] ${first.replace(/\s+/g, ' ').trim()}`,
    );
    const summary = panel.getByRole('table', { name: 'Summary, original and French' });
    expect(await summary.locator('td[lang="fr"]').first().textContent()).toMatch(/^\[fr\] /);
    await panel.scrollIntoViewIfNeeded();
    await ui.shot('translation-01-side-by-side');

    // The workspace form's summary language reaches the workspace settings.
    await page.goto(`${mina.url}/admin/#/workspaces/${admin.workspaceId}`);
    await page.getByRole('combobox', { name: 'Summary language' }).click();
    await page.getByRole('option', { name: 'Spanish' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await waitFor('the summary language saved', async () => {
      const ws = (await mina.http.get(`/api/workspaces/${admin.workspaceId}`).set(admin.auth)).body as {
        settings?: { summaryLanguage?: string };
      };
      return ws.settings?.summaryLanguage === 'es';
    });
    await ui.shot('translation-02-workspace-summary-language');
  });
});
