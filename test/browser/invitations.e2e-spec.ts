/*
 * Invitations in the console (Chromium via playwright-core) against the real app: an owner invites by
 * email and sees the invitation pending; the invited user sees it on the dashboard, accepts, and the
 * workspace is theirs to switch to. Screenshots: test/artifacts/invitations-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

/** What test/support/api-client.ts registers every user with. */
const PASSWORD = 'correct horse battery';

describe('workspace invitations in the console', () => {
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let olga: SignedIn;
  let bob: SignedIn;
  let workspaceName: string;

  beforeAll(async () => {
    mina = await startTestApp({ db: 'postgresql', env: { MINA_ADMIN_DIST: adminDist() } });
    olga = await registerUser(mina.url, 'Olga Owner');
    bob = await registerUser(mina.url, 'Bob Invitee');
    workspaceName = ((await mina.http.get(`/api/workspaces/${olga.workspaceId}`).set(as(olga)).expect(200)).body as { name: string }).name;
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`invitations-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('an owner invites by email and sees the invitation pending', async () => {
    await signIn(page, mina.url, olga.email, PASSWORD);
    await page.goto(`${mina.url}/admin/#/workspaces/${olga.workspaceId}/show`);
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Email' }).fill(bob.email);
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await page.getByText(`Invitation sent to ${bob.email}`).waitFor();
    await page.getByRole('heading', { name: 'Invited, not yet answered' }).waitFor();
    await page.getByText(`${bob.email} · Member`).waitFor();
    await ui.shot('invitations-01-pending');
    // Not a member until they say yes.
    const members = await mina.http.get(`/api/workspaces/${olga.workspaceId}/members`).set(as(olga)).expect(200);
    expect((members.body as { email: string }[]).map((m) => m.email)).not.toContain(bob.email);
  });

  it('the invited user accepts on the dashboard and becomes a member', async () => {
    await page.evaluate('window.localStorage.clear(); window.sessionStorage.clear()');
    await signIn(page, mina.url, bob.email, PASSWORD);
    const accept = page.getByRole('button', { name: `Accept the invitation to ${workspaceName}` });
    await accept.waitFor();
    await ui.shot('invitations-02-dashboard');
    await accept.click();
    await page.getByText(`You joined ${workspaceName}`).waitFor();
    await accept.waitFor({ state: 'detached' });
    const me = await mina.http.get('/api/me').set({ Authorization: `Bearer ${bob.accessToken}` }).expect(200);
    expect((me.body as { memberships: { workspaceId: string; role: string }[] }).memberships).toContainEqual(expect.objectContaining({ workspaceId: olga.workspaceId, role: 'member' }));
    expect(ui.errors).toEqual([]);
  });
});
