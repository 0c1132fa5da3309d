/*
 * Uploading recordings in the console (Chromium via playwright-core) against the real app, tus
 * server, PostgreSQL and Redis, with no speech recognizer: a non-audio file is refused in the
 * browser; the fixture WAV goes local → uploading → processing → synced (paused and resumed on
 * the way, upload bandwidth throttled so the bytes can be watched) and ends "not transcribed", with
 * its row in the recordings list opening its session; an upload cut by a page reload continues from
 * the server's offset when the same file is added again; the same file a second time is refused
 * before sending ("Already uploaded", linking the first session). Screenshots:
 * test/artifacts/uploads-*.png.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, type Admin } from './seed.js';

const ADMIN = { email: 'uploads-admin@example.com', password: 'uploads admin password 1' };
const WAV = fixtureAudio('es2002a-2min');
const NOT_TRANSCRIBED = /Not transcribed — no speech recognizer was configured; .* of audio kept/;

/** The DOM's MutationObserver as far as this test uses it (the test compiles without the DOM library). */
type Observer = new (callback: () => void) => {
  observe(target: unknown, options: { attributes: boolean; attributeFilter: string[] }): void;
};

interface SessionRow {
  id: string;
  title: string | null;
  status: string;
  source?: string;
}

/** The first `seconds` of the fixture (16 kHz mono PCM16, 44-byte header) as a WAV of its own. */
function wavHead(seconds: number, path: string): string {
  const src = readFileSync(WAV);
  const data = src.subarray(44, 44 + seconds * 32_000);
  const header = Buffer.from(src.subarray(0, 44));
  header.writeUInt32LE(36 + data.length, 4);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}

describe('uploading recordings in the console', () => {
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let cdp: CDPSession;
  let dir: string;
  let firstSessionId: string;
  const url = (hash: string) => `${mina.url}/admin/#${hash}`;
  /** The upload page with an empty queue (the queue outlives in-app navigation, not a reload). */
  const freshUploadPage = async () => {
    await page.goto(url('/uploads'));
    await page.reload();
    await page.getByRole('heading', { name: 'Upload recordings', level: 1 }).waitFor();
  };
  const item = (name: string) => page.getByRole('listitem', { name: `File ${name}` });
  const uploads = async () =>
    (
      await mina.http
        .get('/api/sessions')
        .query({ filter: JSON.stringify({ source: 'upload' }) })
        .set(admin.auth)
        .expect(200)
    ).body as SessionRow[];
  /** Upload bandwidth in bytes per second (-1: unthrottled), so that progress and pause can be seen. */
  const throttle = (bytesPerSecond: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });
  /** The fingerprint and the server's duplicate check are done, and found nothing wrong. */
  const checked = async (row: ReturnType<typeof item>) => {
    await waitFor('the duplicate check', async () => (await row.getByRole('status').count()) === 0, 10_000);
    expect(await row.getByTestId('upload-error').count()).toBe(0);
    expect(await row.getByTestId('upload-duplicate').count()).toBe(0);
  };
  const bytesOf = async (name: string) => {
    const text = (await item(name).getByTestId('upload-bytes').textContent()) ?? '';
    return Number(/\((\d+) %\)/.exec(text)?.[1] ?? NaN);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mina-uploads-'));
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, WAV);
    page = ui.page;
    cdp = await ui.context.newCDPSession(page);
    await cdp.send('Network.enable');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui
        .shot(`uploads-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a non-audio file, then takes a WAV through the five stages to synced (not transcribed)', async () => {
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'Upload recordings' }).click();
    await page.getByRole('heading', { name: 'Upload recordings', level: 1 }).waitFor();
    const input = page.getByLabel('Choose audio files to upload');

    // Dropped on the zone: a PDF and a text file are refused in the browser; an .opus file the
    // browser gives no type is taken by its extension (and removed again here).
    const dropped = await page.evaluateHandle(() => {
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File(['%PDF-1.4'], 'agenda.pdf', { type: 'application/pdf' }));
      transfer.items.add(new dom.File(['not audio'], 'minutes.txt', { type: 'text/plain' }));
      transfer.items.add(new dom.File(['OggS'], 'memo.opus', { type: '' }));
      return transfer;
    });
    await page.getByTestId('upload-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await page
      .getByTestId('upload-refused')
      .getByText('Not an audio file: agenda.pdf, minutes.txt')
      .waitFor();
    await item('memo.opus').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId('upload-item').count()).toBe(0);

    await input.setInputFiles(WAV);
    const row = item('es2002a-2min.wav');
    const title = row.getByRole('textbox', { name: 'Title' });
    await title.waitFor();
    expect(await title.inputValue()).toBe('es2002a-2min');
    await title.fill('Design kick-off (recorded)');
    await row.getByRole('button', { name: 'Upload', exact: true }).waitFor();
    await checked(row);
    expect(await row.getAttribute('data-stage')).toBe('local');
    await ui.shot('uploads-01-local');

    // Every stage the item shows, in order, from here on.
    await row.evaluate((el) => {
      const seen: string[] = [el.getAttribute('data-stage') ?? ''];
      const page = globalThis as unknown as { stages: string[]; MutationObserver: Observer };
      page.stages = seen;
      new page.MutationObserver(() => {
        const stage = el.getAttribute('data-stage') ?? '';
        if (seen.at(-1) !== stage) seen.push(stage);
      }).observe(el, { attributes: true, attributeFilter: ['data-stage'] });
    });
    await throttle(400 * 1024);
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await waitFor('some bytes to go up', async () => (await bytesOf('es2002a-2min.wav')) >= 10, 20_000);
    await ui.shot('uploads-02-uploading');

    await row.getByRole('button', { name: 'Pause' }).click();
    await row
      .getByText(/Paused/)
      .first()
      .waitFor();
    const paused = await bytesOf('es2002a-2min.wav');
    await page.waitForTimeout(1_000);
    expect(await bytesOf('es2002a-2min.wav')).toBe(paused);
    await ui.shot('uploads-03-paused');
    await row.getByRole('button', { name: 'Resume' }).click();
    await throttle(-1);

    await row.getByTestId('upload-synced').getByText(NOT_TRANSCRIBED).waitFor({ timeout: 45_000 });
    const stages = await page.evaluate(() => (globalThis as unknown as { stages: string[] }).stages);
    // Queued (waiting for a slot) may pass between two renders; the others are each seen, in order.
    const seen = stages.filter((s) => s !== 'queued').filter((s, i, all) => s !== all[i - 1]);
    expect(seen).toEqual(['local', 'uploading', 'processing', 'synced']);
    await ui.shot('uploads-04-synced');

    const [session] = await uploads();
    expect(session).toMatchObject({
      title: 'Design kick-off (recorded)',
      status: 'completed',
      source: 'upload',
    });
    firstSessionId = session.id;

    const list = page.getByRole('region', { name: 'Uploaded recordings' });
    const listed = list.getByRole('row').filter({ hasText: 'Design kick-off (recorded)' });
    await listed.getByText('Completed').waitFor();
    await listed.getByText('Not transcribed').waitFor();
    await ui.shot('uploads-05-recordings-list');
    await listed.click();
    await page.waitForURL(new RegExp(`#/sessions/${firstSessionId}/show`));
    await page.getByTestId('not-transcribed-notice').getByText(NOT_TRANSCRIBED).waitFor();
    await ui.shot('uploads-06-session');
  }, 90_000);

  it('continues an upload cut by a page reload from the bytes the server has', async () => {
    const file = wavHead(60, join(dir, 'stand-up.wav'));
    await page.goto(url('/uploads'));
    await page.getByLabel('Choose audio files to upload').setInputFiles(file);
    const row = item('stand-up.wav');
    await row.getByRole('textbox', { name: 'Title' }).fill('Stand-up, resumed');
    await checked(row);
    await throttle(300 * 1024);
    await row.getByRole('button', { name: 'Upload', exact: true }).click();
    await waitFor(
      'a third of the bytes to go up',
      async () => (await bytesOf('stand-up.wav').catch(() => 0)) >= 33,
      20_000,
    );

    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await throttle(-1);
    const kept = page.getByTestId('kept-uploads');
    await kept.getByText('Stand-up, resumed (stand-up.wav)').waitFor();
    await kept.getByText(/ of 1\.8 MB already on the server/).waitFor();
    const onServer = (await kept.getByText(/already on the server/).textContent()) ?? '';
    expect(onServer).not.toMatch(/^0 B/);
    await ui.shot('uploads-07-interrupted');

    await page.getByLabel('Choose audio files to upload').setInputFiles(file);
    const again = item('stand-up.wav');
    await checked(again);
    // The title comes back from the interrupted upload's metadata.
    expect(await again.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Stand-up, resumed');
    await expect.poll(() => kept.count()).toBe(0);
    await throttle(200 * 1024);
    await again.getByRole('button', { name: 'Upload', exact: true }).click();
    await again.getByText(/Continues an interrupted upload/).waitFor();
    await ui.shot('uploads-08-resumed');
    await throttle(-1);
    await again.getByTestId('upload-synced').waitFor({ timeout: 45_000 });
    const resumed = (await uploads()).filter((s) => s.title === 'Stand-up, resumed');
    expect(resumed).toHaveLength(1);
    // Done: nothing is left to resume, on this page or after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Upload recordings', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Stand-up, resumed' }).getByText('Completed').waitFor();
    const storage = () =>
      page.evaluate(() => {
        const local = (
          globalThis as unknown as { localStorage: { length: number; key(i: number): string | null } }
        ).localStorage;
        return Array.from({ length: local.length }, (_, i) => local.key(i) ?? '').filter((k) =>
          k.startsWith('tus::'),
        );
      });
    await expect.poll(storage).toEqual([]);
    expect(await page.getByTestId('kept-uploads').count()).toBe(0);
  }, 90_000);

  it('sends at most two files at a time, the others waiting in the queue', async () => {
    await freshUploadPage();
    const names = ['part-1.wav', 'part-2.wav', 'part-3.wav'];
    const files = names.map((name, i) => wavHead(8 + i, join(dir, name)));
    await page.getByLabel('Choose audio files to upload').setInputFiles(files);
    for (const name of names) await checked(item(name));
    await throttle(64 * 1024);
    await page.getByRole('button', { name: 'Upload 3 files' }).click();
    const stageCount = (stage: string) =>
      page.locator(`[data-testid="upload-item"][data-stage="${stage}"]`).count();
    await waitFor('two uploads to run', async () => (await stageCount('uploading')) === 2, 10_000);
    expect(await stageCount('queued')).toBe(1);
    await page.getByText('Waiting for a free slot: two files upload at a time').waitFor();
    await ui.shot('uploads-09-two-at-a-time');
    await throttle(-1);
    for (const name of names) await item(name).getByTestId('upload-synced').waitFor({ timeout: 45_000 });
  }, 90_000);

  it('refuses a second upload of the same file before sending it', async () => {
    await freshUploadPage();
    const before = await uploads();
    await page.getByLabel('Choose audio files to upload').setInputFiles(WAV);
    const row = item('es2002a-2min.wav');
    const duplicate = row.getByTestId('upload-duplicate');
    await duplicate.getByText('Already uploaded').waitFor();
    const link = duplicate.getByRole('link', { name: 'Open session' });
    expect(await link.getAttribute('href')).toContain(`/sessions/${firstSessionId}/show`);
    expect(await page.getByRole('button', { name: 'Nothing to upload' }).isDisabled()).toBe(true);
    await ui.shot('uploads-10-duplicate');
    expect(await uploads()).toHaveLength(before.length);
    await link.click();
    await page.waitForURL(new RegExp(`#/sessions/${firstSessionId}/show`));
    expect(ui.errors.filter((e) => !/WebSocket|status of 4\d\d/.test(e))).toEqual([]);
  });
});
