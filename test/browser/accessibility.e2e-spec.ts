/*
 * axe-core (WCAG 2.1 A and AA rules) over every page and dialog of the console, in each display
 * theme (light, dark, high contrast) and in large-text mode. The pages come from the console's
 * router (admin/src/pages.ts, the list App.tsx's routes are built from): a page added there is
 * visited here, or this test fails naming it. Seeded through the API so that lists are not empty.
 * Screenshots of failures: test/artifacts/a11y-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_PAGES, RESOURCE_PAGES } from '../../admin/src/pages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { scriptLlm } from '../e2e/pipeline.fake-llm.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { deadLetter, finalized, loginAdmin, sessionWithTranscript, sloSamples, type Admin } from './seed.js';

const ADMIN = { email: 'a11y-admin@example.com', password: 'a11y admin password 1' };
const OTHER = { email: 'a11y-other@example.com', password: 'a11y other password 1', name: 'Olga Other' };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
/** The console's display preference (admin/src/layout/display.ts), set the way the theme menu sets it. */
const DISPLAY_KEY = 'mina.display';
/** Set to a directory to keep screenshots of a few pages in each display (to look at them). */
const SHOTS = process.env.MINA_A11Y_SHOTS;
const SHOT_PAGES = new Set(['/', 'sessions.show', '/slo', 'tasks.list']);

interface Display {
  label: string;
  theme: 'light' | 'dark' | 'high-contrast';
  largeText: boolean;
  /**
   * The axe rules run: every WCAG 2.1 A/AA rule in the light theme; the other displays change
   * colours and sizes, not markup, so they run the rules a theme can break (contrast; the high
   * contrast theme also the AAA 7:1 rule it promises). This keeps the file near two minutes.
   */
  rules?: string[];
}
const DISPLAYS: Display[] = [
  { label: 'light', theme: 'light', largeText: false },
  { label: 'dark', theme: 'dark', largeText: false, rules: ['color-contrast', 'link-in-text-block'] },
  {
    label: 'high contrast',
    theme: 'high-contrast',
    largeText: false,
    rules: ['color-contrast', 'color-contrast-enhanced', 'link-in-text-block'],
  },
  { label: 'large text', theme: 'light', largeText: true, rules: ['color-contrast', 'link-in-text-block'] },
];

/** Something to open on a page and check while it is open (a dialog, a menu), then close. */
interface Opener {
  name: string;
  open(page: Page): Promise<void>;
  close?(page: Page): Promise<void>;
}

const dialogByButton = (button: string | RegExp, exact = true): Opener => ({
  name: `dialog of "${String(button)}"`,
  open: async (page) => {
    await page.getByRole('button', { name: button, exact }).first().click();
    await page.getByRole('dialog').last().waitFor();
  },
});

const menuByButton = (button: string, exact = true): Opener => ({
  name: `menu of "${button}"`,
  open: async (page) => {
    await page.getByRole('button', { name: button, exact }).first().click();
    await page.getByRole('menu').last().waitFor();
  },
});

const closeOverlay = async (page: Page) => {
  await page.keyboard.press('Escape');
  await page
    .locator('.MuiDialog-root, .MuiPopover-root, .MuiMenu-root')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
};

/** The dialogs and menus each page has, by page key (`resource.view` or the route's path). */
const OPENERS: Record<string, Opener[]> = {
  '/': [menuByButton('Profile', false), menuByButton('Theme and text size')],
  'sessions.list': [dialogByButton('Import transcript')],
  'sessions.show': [menuByButton('Export')],
  'meetings.show': [menuByButton('Export')],
  'workspaces.show': [dialogByButton('Add member')],
  'users.show': [dialogByButton('Reset password'), dialogByButton('Disable user')],
  'dead-letters.list': [dialogByButton('Retry')],
  'dead-letters.show': [dialogByButton('Discard')],
  '/api-keys': [dialogByButton('Create API key'), dialogByButton(/^Revoke /, false)],
  '/webhooks': [dialogByButton('Add endpoint')],
  '/webhooks/:id': [dialogByButton('Rotate secret'), dialogByButton('Delete')],
};

interface PageVisit {
  key: string;
  hash: string;
}

describe('accessibility of the console (axe-core, WCAG 2.1 A/AA)', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let backupDir: string;
  const ids: Record<string, string> = {};

  /** A record to show/edit for each resource, and the value of each route parameter. */
  const recordOf = (resource: string): string | undefined => ids[resource];
  const PARAMS: Record<string, () => string | undefined> = { '/webhooks/:id': () => ids.webhook };
  const QUERIES: Record<string, string> = { '/search': '?q=remote' };

  /** Every page the router serves: resources' views and custom routes, with seeded ids filled in. */
  function pagesFromRouter(): { visits: PageVisit[]; missing: string[] } {
    const visits: PageVisit[] = [{ key: '/', hash: '/' }];
    const missing: string[] = [];
    for (const [name, views] of Object.entries(RESOURCE_PAGES)) {
      for (const view of views as readonly string[]) {
        const key = `${name}.${view}`;
        if (view === 'list') visits.push({ key, hash: `/${name}` });
        else if (view === 'create') visits.push({ key, hash: `/${name}/create` });
        else {
          const id = recordOf(name);
          if (!id) missing.push(`${key} (no seeded record of ${name} to open)`);
          else visits.push({ key, hash: `/${name}/${id}${view === 'show' ? '/show' : ''}` });
        }
      }
    }
    for (const path of CUSTOM_PAGES as readonly string[]) {
      if (path.includes(':')) {
        const param = PARAMS[path]?.();
        if (!param) missing.push(`${path} (no value for its parameter)`);
        else visits.push({ key: path, hash: path.replace(/:[^/]+/, param) });
      } else visits.push({ key: path, hash: `${path}${QUERIES[path] ?? ''}` });
    }
    return { visits, missing };
  }

  async function setDisplay(display: Display): Promise<void> {
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      DISPLAY_KEY,
      JSON.stringify({ theme: display.theme, largeText: display.largeText }),
    ] as const);
  }

  /** Waits until the page's data and lazy chunks have loaded (no progress indicator for a moment). */
  async function settled(): Promise<void> {
    await page.locator('#main-content, main').first().waitFor();
    const busy = page.locator('[role="progressbar"]:visible, .RaLoading-root');
    await waitFor('the page to load', async () => (await busy.count()) === 0, 10_000).catch(() => undefined);
    await page.waitForTimeout(150);
  }

  async function axe(where: string, display: Display): Promise<string[]> {
    // Legacy mode runs axe.run in the page itself (the console has no cross-origin frames) instead of
    // finishing each run in a new blank page, which costs seconds per check on a busy machine.
    const builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
    const result = await (
      display.rules ? builder.withRules(display.rules) : builder.withTags(TAGS)
    ).analyze();
    return result.violations
      .filter((v) => BLOCKING.has(v.impact ?? ''))
      .flatMap((v) =>
        v.nodes.map(
          (n) =>
            `${where}: ${v.id} (${v.impact}) at ${n.target.join(' ')} ${n.html.slice(0, 160)} — ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? v.help}`,
        ),
      );
  }

  beforeAll(async () => {
    backupDir = mkdtempSync(join(tmpdir(), 'mina-a11y-backups-'));
    fake = await startFakeOpenAI({ scripts: [] });
    scriptLlm(fake, { assignee: 'Administrator' });
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'test',
        MINA_BACKUP_KEY: randomBytes(32).toString('base64'),
        MINA_BACKUP_DIR: backupDir,
        MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    const post = async (path: string, body: object, status = 201) =>
      (await mina.http.post(path).set(admin.auth).send(body).expect(status)).body as { id: string };

    // A completed session (transcript, summary, tasks, analytics), one with a dead letter.
    ids.sessions = await sessionWithTranscript(mina, admin, 'Remote control kick-off', 24);
    await finalized(mina, admin, ids.sessions);
    const failed = await sessionWithTranscript(mina, admin, 'Design review', 6);
    await deadLetter(mina.app, admin, failed);
    ids['dead-letters'] = (
      (await mina.http.get('/api/admin/dead-letters').set(admin.auth).expect(200)).body as { id: string }[]
    )[0].id;
    ids.meetings = (await post('/api/meetings', { title: 'Quarterly planning' })).id;
    ids.tasks = (await post('/api/tasks', { title: 'Send the minutes', sessionId: ids.sessions })).id;
    ids.workspaces = admin.workspaceId;
    // Olga registers and invites the admin into her workspace: the dashboard shows the invitation.
    await mina.http.post('/api/auth/register').send(OTHER).expect(201);
    const olga = await loginAdmin(mina, OTHER.email, OTHER.password);
    ids.users = ((await mina.http.get('/api/me').set(olga.auth).expect(200)).body as { id: string }).id;
    await mina.http
      .post(`/api/workspaces/${olga.workspaceId}/invitations`)
      .set(olga.auth)
      .send({ email: ADMIN.email, role: 'member' })
      .expect(201);
    await post(`/api/workspaces/${admin.workspaceId}/invitations`, {
      email: 'guest@example.com',
      role: 'viewer',
    });
    ids.webhook = (
      await post('/api/webhooks', {
        url: 'http://127.0.0.1:9/hooks',
        events: ['task.created'],
        description: 'Ticket sync',
      })
    ).id;
    ids.templates = (
      await post('/api/templates', {
        name: 'Design review',
        description: 'Weekly design review',
        sections: [{ title: 'Designs shown', instruction: 'Which designs were presented, by whom' }],
      })
    ).id;
    // An answered question: the Ask page lists the conversation.
    await post('/api/ask', { question: 'What did we decide about the remote control?' }, 200);
    await post('/api/me/api-keys', { name: 'Nightly export', scopes: ['read'] });
    const backup = await post('/api/admin/backups', {}, 202);
    await waitFor(
      'the backup',
      async () =>
        (await mina.http.get(`/api/admin/backups/${backup.id}`).set(admin.auth)).body.status !== 'running',
      30_000,
    );
    await sloSamples(mina, admin);

    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
    // Colours are checked at rest: no transition or animation is caught half-way.
    await page.addInitScript({
      content: `document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
        document.head.append(style);
      });`,
    });
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui.shot(`a11y-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await fake?.close();
    if (backupDir) rmSync(backupDir, { recursive: true, force: true });
  });

  it('knows how to open every page the router has (a new page needs a record or a parameter here)', () => {
    const { visits, missing } = pagesFromRouter();
    expect(missing, `pages of admin/src/routes.ts this test cannot open:\n${missing.join('\n')}`).toEqual([]);
    // Not vacuous: the resources' views and the custom routes are all there.
    expect(visits.map((v) => v.key)).toEqual(
      expect.arrayContaining(['meetings.list', 'sessions.show', 'users.edit', '/slo', '/webhooks/:id']),
    );
    const unknown = Object.keys(OPENERS).filter((key) => !visits.some((v) => v.key === key));
    expect(unknown, 'dialog openers for pages the router no longer has').toEqual([]);
  });

  it('the sign-in page has no serious or critical violation in any display', async () => {
    const found: string[] = [];
    await page.goto(`${mina.url}/admin/#/login`);
    for (const display of DISPLAYS) {
      await setDisplay(display);
      await page.reload();
      await page.getByLabel('Email').waitFor();
      found.push(...(await axe(`sign-in [${display.label}]`, display)));
    }
    await setDisplay(DISPLAYS[0]);
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    expect(found, found.join('\n')).toEqual([]);
  });

  for (const display of DISPLAYS) {
    it(`every page and dialog has no serious or critical violation [${display.label}]`, async () => {
      await setDisplay(display);
      await page.goto(`${mina.url}/admin/#/`);
      await page.reload();
      await page.getByText(/^Welcome/).waitFor();
      const found: string[] = [];
      for (const visit of pagesFromRouter().visits) {
        await page.mouse.move(0, 0); // no hover left over from the last page's clicks
        await page.goto(`${mina.url}/admin/#${visit.hash}`);
        await settled();
        const where = `${visit.key} ${visit.hash} [${display.label}]`;
        found.push(...(await axe(where, display)));
        if (SHOTS && SHOT_PAGES.has(visit.key)) {
          const name = `a11y-${display.label.replace(/\W+/g, '-')}-${visit.key.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'dashboard'}`;
          await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
        }
        for (const opener of OPENERS[visit.key] ?? []) {
          try {
            await opener.open(page);
            await page.waitForTimeout(250); // transitions end, so contrast is measured on the final colours
            found.push(...(await axe(`${where} with the ${opener.name} open`, display)));
          } catch (e) {
            found.push(`${where}: could not open the ${opener.name}: ${(e as Error).message.split('\n')[0]}`);
          }
          await (opener.close ?? closeOverlay)(page);
        }
      }
      expect(found, `${found.length} serious/critical violations:\n${found.join('\n')}`).toEqual([]);
    }, 240_000);
  }
});
