/*
 * The Export menu of the session page (Chromium via playwright-core) against the real app and
 * PostgreSQL: each format is downloaded the way a user does it, and the files are read back with
 * independent readers. Screenshots: test/artifacts/exports-*.png.
 */
import { parse as parseSubtitles } from '@plussub/srt-vtt-parser';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, dismissToast, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, type Admin } from './seed.js';

const run = promisify(execFile);
const ADMIN = { email: 'exports-admin@example.com', password: 'exports admin password 1' };
const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/exports/multiscript.vtt'));

describe('exporting a session from the console', () => {
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mina-exports-ui-'));
    mina = await startTestApp({
      db: 'postgresql',
      env: { MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`exports-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('downloads TXT, WebVTT, DOCX and PDF through the Export menu, each with its content', async () => {
    const made = await mina.http.post('/api/sessions/import').set(admin.auth).field('title', 'Release review').attach('file', FIXTURE, 'release.vtt').expect(201);
    const sessionId = (made.body as { id: string }).id;
    await waitFor('the imported session to complete', async () => (await mina.http.get(`/api/sessions/${sessionId}`).set(admin.auth)).body.status === 'completed', 30_000);
    await mina.http.patch(`/api/sessions/${sessionId}/speakers`).set(admin.auth).send({ speakers: { spk_a: 'Ada Lovelace' } }).expect(200);

    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    await page.getByText('Ada Lovelace').first().waitFor();

    const download = async (item: string): Promise<{ name: string; body: Buffer }> => {
      await page.getByRole('button', { name: 'Export' }).click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
      const path = join(work, file.suggestedFilename());
      await file.saveAs(path);
      await page.getByText(`Downloaded ${file.suggestedFilename()}`).waitFor();
      await dismissToast(page, `Downloaded ${file.suggestedFilename()}`);
      return { name: file.suggestedFilename(), body: readFileSync(path) };
    };

    const txt = await download('Plain text');
    expect(txt.name).toMatch(/^Release review \d{4}-\d{2}-\d{2}\.txt$/);
    const text = txt.body.toString('utf8');
    expect(text).toContain('Release review');
    expect(text).toContain('Participants: Ada Lovelace, Bob Jones, Eleni');
    expect(text).toMatch(/\[1:02:03\] Eleni: /);
    await ui.shot('exports-01-menu-used');

    const vtt = await download('Subtitles (WebVTT)');
    expect(vtt.name.endsWith('.vtt')).toBe(true);
    const cues = parseSubtitles(vtt.body.toString('utf8')).entries;
    expect(cues).toHaveLength(6);
    expect(cues[0].text).toMatch(/^<v Ada Lovelace>/);
    expect(cues[5].from).toBe(3_723_000);

    const docx = await download('Word document (DOCX)');
    const { value } = await mammoth.extractRawText({ buffer: docx.body });
    expect(value).toContain('Release review');
    expect(value).toContain('Мы выпускаем версию в пятницу');

    const pdf = await download('PDF document');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(work, 'check.pdf');
    await import('node:fs').then((fs) => fs.writeFileSync(path, pdf.body));
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(stdout).toContain('Ada Lovelace');
    expect(stdout).toContain('Η ομάδα συμφώνησε');
    expect(ui.errors).toEqual([]);
  });
});
