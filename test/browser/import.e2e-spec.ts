/*
 * Importing a transcript from the console (Chromium via playwright-core) against the real app and
 * PostgreSQL: a malformed file is refused with its line, a Teams WebVTT file becomes a session whose
 * pipeline runs. Screenshots: test/artifacts/import-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { meetingTurns, waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, type Admin } from './seed.js';

const ADMIN = { email: 'import-admin@example.com', password: 'import admin password 1' };

const stamp = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const vtt = (turns: ReturnType<typeof meetingTurns>) =>
  `WEBVTT\n\n${turns.map((t) => `${stamp(t.startMs)} --> ${stamp(t.endMs)}\n<v ${t.speaker}>${t.text}</v>`).join('\n\n')}\n`;

describe('importing a transcript in the console', () => {
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    mina = await startTestApp({
      db: 'postgresql',
      env: { MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`import-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('refuses a malformed file with its line, then imports a Teams WebVTT file and opens its session', async () => {
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);

    await page.goto(`${mina.url}/admin/#/sessions`);
    await page.getByRole('button', { name: 'Import transcript' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a transcript' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'broken.vtt', mimeType: 'text/vtt', buffer: Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n') });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('alert').getByText(/broken\.vtt: line 3/).waitFor();
    await ui.shot('import-01-refused');

    const turns = meetingTurns('ES2002a.json', 12).filter((t) => t.text.replace(/\{[^}]*\}/g, '').trim());
    await dialog.locator('input[type=file]').setInputFiles({ name: 'kick-off.vtt', mimeType: 'text/vtt', buffer: Buffer.from(vtt(turns)) });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Kick-off from Teams');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(`Imported ${turns.length} segments`).waitFor();
    await page.waitForURL(/#\/sessions\/[0-9a-f-]{36}\/show/);
    const sessionId = /sessions\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.getByText('Kick-off from Teams').first().waitFor();

    await waitFor('the imported session to complete', async () => {
      const res = await mina.http.get(`/api/sessions/${sessionId}`).set(admin.auth);
      return res.body.status === 'completed';
    }, 30_000);
    await page.reload();
    await page.getByText(turns[1].speaker).first().waitFor();
    await ui.shot('import-02-session');
    const segments = await mina.http.get(`/api/sessions/${sessionId}/segments`).set(admin.auth).expect(200);
    expect((segments.body as unknown[]).length).toBe(turns.length);
    expect(ui.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
