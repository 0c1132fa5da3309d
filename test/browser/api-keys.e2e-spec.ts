/*
 * Personal API keys in the console (Chromium via playwright-core) against the real app: a user
 * opens "API keys" from the user menu, creates a write key, reads and copies it once, uses it with
 * fetch against the API, then revokes it and the key is refused at once.
 * Screenshots: test/artifacts/api-keys-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { registerUser, type SignedIn } from '../support/api-client.js';
import { adminDist, dismissToast, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

const PASSWORD = 'correct horse battery';

describe('personal API keys in the console', () => {
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let ada: SignedIn;
  let key = '';

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${mina.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'X-Workspace-Id': ada.workspaceId, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    mina = await startTestApp({ db: 'postgresql', env: { MINA_ADMIN_DIST: adminDist() } });
    ada = await registerUser(mina.url, 'Ada Scripter');
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
    await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: mina.url });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`api-keys-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('creates a key from the user menu and shows it once, with a copy button', async () => {
    await signIn(page, mina.url, ada.email, PASSWORD);
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByText('You have no API keys yet.').waitFor();
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
    await dialog.getByRole('radio', { name: /^Write/ }).check();
    await dialog.getByRole('button', { name: 'Create API key' }).click();

    const shown = page.getByRole('dialog', { name: 'API key "Nightly export" created' });
    await shown.getByText("you won't see it again").waitFor();
    key = await shown.getByTestId('new-api-key').inputValue();
    expect(key).toMatch(/^mina_[0-9A-Za-z]{59}$/);
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    await ui.shot('api-keys-01-shown-once');
    await shown.getByRole('button', { name: "I've copied it" }).click();
    await shown.waitFor({ state: 'detached' });

    // Listed by its prefix and last characters; the key itself is nowhere on the page any more.
    const row = page.getByRole('row', { name: /Nightly export/ });
    await row.getByText(`${key.slice(0, 17)}…${key.slice(-4)}`).waitFor();
    await row.getByText('write').waitFor();
    await row.getByText('Active').waitFor();
    expect(await page.content()).not.toContain(key);
    await ui.shot('api-keys-02-listed');
  });

  it('the key works with fetch against the API, within its scope', async () => {
    const created = await call('POST', '/api/tasks', { title: 'made with an API key' });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { title: string }).title).toBe('made with an API key');
    const keys = await call('GET', '/api/me/api-keys');
    expect([keys.status, ((await keys.json()) as { code: string }).code]).toEqual([403, 'API_KEY_NOT_ALLOWED']);
    // The page shows its last use once recorded.
    await page.reload();
    await page.getByRole('row', { name: /Nightly export/ }).getByText('127.0.0.1').waitFor();
  });

  it('revokes with a confirmation, and the key is refused at once', async () => {
    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
    await confirm.getByText('stops working at once').waitFor();
    await ui.shot('api-keys-03-confirm');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('API key revoked').waitFor();
    await dismissToast(page, 'API key revoked');
    await page.getByRole('row', { name: /Nightly export/ }).getByText('Revoked').waitFor();
    await expect(page.getByRole('button', { name: 'Revoke Nightly export' }).count()).resolves.toBe(0);
    await ui.shot('api-keys-04-revoked');

    const after = await call('GET', '/api/tasks');
    expect([after.status, ((await after.json()) as { code: string }).code]).toEqual([401, 'API_KEY_REVOKED']);
    expect(ui.errors).toEqual([]);
  });
});
