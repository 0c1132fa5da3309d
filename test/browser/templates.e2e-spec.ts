/*
 * Summary templates and vocabulary in the console (Chromium via playwright-core) against the real
 * app: an owner creates a template of their own on the Templates page (built-ins listed, read-only),
 * makes it the workspace default and enters a vocabulary on the workspace form, chooses a built-in
 * for a meeting, and the session page shows the summary's template sections under their titles
 * (here without a model: the sections the local rules cannot write say so). Screenshots:
 * test/artifacts/templates-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateView } from '@mina/contract/templates';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminDist, dismissToast, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

const PASSWORD = 'correct horse battery';

describe('summary templates and vocabulary in the console', () => {
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let owner: SignedIn;

  const settings = async () =>
    (
      (await mina.http.get(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).expect(200)).body as {
        settings: Record<string, unknown>;
      }
    ).settings;

  /** No serious or critical WCAG 2.1 A/AA violation in the page's content as it is now (the app bar is the layout's, checked elsewhere). */
  const accessible = async (what: string, within = '#main-content') => {
    const result = await new AxeBuilder({ page })
      .include(within)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${what}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
      [],
    );
  };

  beforeAll(async () => {
    mina = await startTestApp({ env: { MINA_ADMIN_DIST: adminDist() } });
    owner = await registerUser(mina.url, 'Tess Templates');
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui
        .shot(`templates-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
  });

  it('creates a custom template; the built-ins are listed read-only', async () => {
    await signIn(page, mina.url, owner.email, PASSWORD);
    await page.goto(`${mina.url}/admin/#/templates`);
    await page.getByText('Yesterday · Today · Blockers').waitFor();
    for (const name of ['Standard', 'One-to-one', 'Stand-up', 'Sales call', 'Retrospective', 'Interview'])
      await page.getByRole('cell', { name, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);
    await accessible('templates list');
    await ui.shot('templates-01-built-ins');

    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Design review');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('textbox', { name: 'Section title' }).fill('Designs shown');
    await page
      .getByRole('textbox', { name: 'What goes in it' })
      .fill('Which designs were presented, by whom');
    await accessible('template form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Design review', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Edit Design review' }).waitFor();
    await page.getByRole('button', { name: 'Delete Design review' }).waitFor();
    const list = (await mina.http.get('/api/templates').set(as(owner)).expect(200)).body as TemplateView[];
    expect(list.find((t) => t.name === 'Design review')).toMatchObject({
      builtIn: false,
      sections: [
        { key: 'designsShown', title: 'Designs shown', instruction: 'Which designs were presented, by whom' },
      ],
    });
    await ui.shot('templates-02-custom');
  });

  it('sets the workspace default template and vocabulary on the workspace form', async () => {
    await page.goto(`${mina.url}/admin/#/workspaces/${owner.workspaceId}`);
    const select = page.getByRole('combobox', { name: 'Summary template' });
    await select.waitFor();
    await select.click();
    await page.getByText('Not set: Standard is used').waitFor();
    await page.getByRole('option', { name: 'Design review' }).click();
    await page.getByRole('textbox', { name: 'Terms, one per line' }).fill('Mina\nAcme Cloud\n mina ');
    // Our part of the form (the rest of it is the workspace page's).
    await accessible('workspace form', 'section[aria-labelledby="templates-settings-title"]');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Element updated').waitFor();
    await dismissToast(page, 'Element updated');
    const saved = await settings();
    const custom = (
      (await mina.http.get('/api/templates').set(as(owner)).expect(200)).body as TemplateView[]
    ).find((t) => t.name === 'Design review')!;
    expect(saved).toMatchObject({ summaryTemplate: custom.id, vocabulary: ['Mina', 'Acme Cloud'] });

    // Read back as saved: one term a line.
    await page.goto(`${mina.url}/admin/#/workspaces/${owner.workspaceId}`);
    expect(await page.getByRole('textbox', { name: 'Terms, one per line' }).inputValue()).toBe(
      'Mina\nAcme Cloud',
    );
    await ui.shot('templates-03-workspace');
  });

  it('chooses a template for a meeting, and the session shows its sections under their titles', async () => {
    await page.goto(`${mina.url}/admin/#/meetings/create`);
    await page.getByRole('textbox', { name: 'Title' }).fill('Daily stand-up');
    await page.getByRole('combobox', { name: 'Summary template' }).click();
    await page.getByRole('option', { name: 'Stand-up' }).click();
    await accessible('meeting form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Element created').waitFor();
    const meetings = (await mina.http.get('/api/meetings').set(as(owner)).expect(200)).body as {
      id: string;
      title: string;
      templateId: string | null;
    }[];
    const meeting = meetings.find((m) => m.title === 'Daily stand-up')!;
    expect(meeting.templateId).toBe('stand-up');

    const srt =
      '1\n00:00:00,000 --> 00:00:04,000\nAda: Yesterday I fixed the export. The risk is that staging is blocked by the migration.\n\n2\n00:00:04,000 --> 00:00:08,000\nBob: Mena will review it today.\n';
    const imported = await mina.http
      .post('/api/sessions/import')
      .set(as(owner))
      .field('meetingId', meeting.id)
      .attach('file', Buffer.from(srt), 'standup.srt')
      .expect(201);
    const sessionId = (imported.body as { id: string }).id;
    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    await page.getByTestId('summary-template').getByText('Template: Stand-up').waitFor({ timeout: 30_000 });
    for (const title of ['Yesterday', 'Today', 'Blockers'])
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
    // No model here: the sections the local rules cannot write say so, instead of inventing them.
    expect(await page.getByText(/^Not available without AI/).count()).toBe(2);
    // The vocabulary corrected the near miss in the refined transcript.
    await page.getByText('Mina will review it today.').first().waitFor();
    await accessible('summary panel', 'section[aria-labelledby="summary-title"]');
    await ui.shot('templates-04-session');
    expect(ui.errors).toEqual([]);
  });
});
