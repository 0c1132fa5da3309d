/*
 * Single sign-on in the console (Chromium via playwright-core) against the real app and a real
 * OpenID provider (oidc-provider 9 on loopback): the login page offers "Sign in with …", the
 * button goes through the provider and lands signed in on the dashboard; a refused sign-in lands
 * back on the login page with a readable message and its code. Screenshots: test/artifacts/oidc-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';

describe('single sign-on in the console', () => {
  let op: TestOidcProvider;
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    op = await startOidcProvider();
    mina = await startTestApp({
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_OIDC_ISSUER: op.issuer,
        MINA_OIDC_CLIENT_ID: op.clientId,
        MINA_OIDC_CLIENT_SECRET: op.clientSecret,
        MINA_OIDC_ALLOW_HTTP: 'true',
        MINA_OIDC_ALLOWED_DOMAINS: 'example.com',
        MINA_OIDC_LABEL: 'Acme SSO',
      },
    });
    op.register(`${mina.url}/api/auth/oidc/callback`);
    op.accounts.set('ada', { sub: 'ada', email: 'ada@example.com', emailVerified: true, name: 'Ada Lovelace' });
    op.accounts.set('eve', { sub: 'eve', email: 'eve@elsewhere.test', emailVerified: true, name: 'Eve' });
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`oidc-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await op?.close();
  });

  it('shows why a refused sign-in was refused, on the login page', async () => {
    await ui.context.clearCookies();
    op.signInAs('eve');
    await page.goto(`${mina.url}/admin/#/login`);
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Accounts of your email domain may not sign in here. (OIDC_DOMAIN_NOT_ALLOWED)');
    expect(page.url()).toBe(`${mina.url}/admin/#/login`);
    await ui.shot('oidc-refused');
  });

  it('signs in through the provider and lands on the dashboard', async () => {
    await ui.context.clearCookies();
    op.signInAs('ada');
    await page.goto(`${mina.url}/admin/#/login`);
    await ui.shot('oidc-login-page');
    await page.getByRole('link', { name: 'Sign in with Acme SSO' }).click();
    await page.getByText(/^Welcome/).waitFor();
    expect(page.url()).toBe(`${mina.url}/admin/#/`);
    // Signed in exactly as with a password: the tokens are where the console keeps them.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('mina.auth') ?? 'null') as { accessToken?: string; refreshToken?: string } | null);
    expect(stored).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = await mina.http.get('/api/me').set('Authorization', `Bearer ${stored!.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
    await ui.shot('oidc-dashboard');
    expect(ui.errors).toEqual([]);
  });
});
