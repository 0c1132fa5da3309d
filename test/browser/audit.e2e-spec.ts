/*
 * The audit log page in the console (Chromium via playwright-core) against the real app: an instance
 * admin filters by action, opens an entry's detail, and exports what the filters show as CSV; the
 * downloaded file holds exactly those entries. Screenshots: test/artifacts/audit-*.png.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { registerUser } from '../support/api-client.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

const ADMIN = { email: 'root@audit-console.test', password: 'admin-password-1' };

describe('audit log in the console', () => {
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let admin: Record<string, string>;

  beforeAll(async () => {
    mina = await startTestApp({ db: 'postgresql', env: { MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password } });
    const login = await request(mina.url).post('/api/auth/login').send(ADMIN).expect(200);
    admin = { Authorization: `Bearer ${login.body.accessToken}` };
    // Sign-ins (each registered user signs in once) and one failure, so the filter has something to drop.
    await registerUser(mina.url, 'Ann');
    await registerUser(mina.url, 'Ben');
    await request(mina.url).post('/api/auth/login').send({ email: ADMIN.email, password: 'wrong-password' }).expect(401);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`audit-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('filters by action, shows an entry, and exports the filtered entries as CSV', async () => {
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'Audit entries' }).click();
    await page.getByRole('textbox', { name: 'Action' }).fill('auth.sign_in');
    const expected = (await mina.http.get('/api/admin/audit').query({ filter: JSON.stringify({ action: 'auth.sign_in' }) }).set(admin).expect(200)).body as { action: string; actorEmail: string }[];
    expect(expected.length).toBeGreaterThanOrEqual(3);
    await page.getByText(`1-${expected.length} of ${expected.length}`).waitFor();
    // Each row has a collapsed detail row under it: count the ones that show an action.
    const rows = page.locator('tbody tr', { hasText: 'auth.sign_in' });
    expect(await rows.count()).toBe(expected.length);
    await expect.poll(() => page.locator('tbody').getByText('auth.sign_in_failed').count()).toBe(0);
    await ui.shot('audit-01-filtered');

    await rows.first().click();
    await page.getByLabel(/^Audit entry auth\.sign_in/).waitFor();
    await ui.shot('audit-02-detail');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mina-audit-.*\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('at,action,actor email,actor id,target,workspace,address,data');
    const body = lines.slice(1);
    expect(body).toHaveLength(expected.length);
    expect(body.map((line) => line.split(',')[1])).toEqual(expected.map(() => 'auth.sign_in'));
    expect(body.map((line) => line.split(',')[2])).toEqual(expected.map((e) => e.actorEmail));
    expect(ui.errors).toEqual([]);
  });
});
