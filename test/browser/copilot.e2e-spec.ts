/*
 * The live copilot in the console: items appear on the live page while the (fake) microphone
 * records, one is pinned, and the session page shows what became of them after finalization.
 * Both panels are checked with axe for serious or critical WCAG 2.1 A/AA violations.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CopilotAnswer } from '#src/copilot/copilot.prompt.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { linesOf, scriptLlm } from '../e2e/pipeline.fake-llm.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { wordsForAnyVoice } from './seed.js';

const ADMIN = { email: 'copilot-admin@example.com', password: 'copilot admin password 1' };
const MIC_WAV = fixtureAudio('es2002a-2min');

/** Serious and critical WCAG 2.1 A/AA violations inside `selector`, as `rule: target` lines. */
async function violations(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('live copilot in the console', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    const dist = adminDist();
    fake = await startFakeOpenAI({
      scripts: [MIC_WAV],
      match: 'exact-or-envelope',
      transcribe: wordsForAnyVoice,
    });
    scriptLlm(fake, { assignee: 'Administrator' });
    // The model notes each line it is sent as an action item, in the line's own words.
    fake.onChat('copilot_items', (req): CopilotAnswer => ({
      items: linesOf(req).map((l) => ({
        kind: 'action_item',
        text: l.text.split(/\s+/).slice(0, 12).join(' '),
        owner: null,
        dueDate: null,
        dueText: null,
        line: l.line,
      })),
    }));
    mina = await startTestApp({
      env: {
        MINA_ADMIN_DIST: dist,
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'test',
        MINA_COPILOT_INTERVAL_SECONDS: '1',
      },
    });
    ui = await openConsoleBrowser(mina.url, MIC_WAV);
    page = ui.page;
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui
        .shot(`copilot-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await fake?.close();
  });

  it('lists items as they arrive, pins one, and shows on the session page what became of them', async () => {
    await page.goto(`${mina.url}/admin/#/live`);
    await page.getByRole('textbox', { name: 'Session title' }).fill('Copilot from Chromium');
    await page.getByRole('button', { name: 'Start recording' }).click();
    const items = page.getByRole('list', { name: 'Copilot items' }).getByRole('listitem');
    await items.first().waitFor({ timeout: 45_000 });
    expect(await violations(page, 'section[aria-labelledby="copilot-title"]')).toEqual([]);
    await ui.shot('copilot-1-live');

    const pin = page.getByRole('button', { name: /^Pin ".+" as a marker$/ }).first();
    const pinnedText = ((await pin.getAttribute('aria-label')) ?? '').replace(
      /^Pin "(.+)" as a marker$/,
      '$1',
    );
    await pin.click();
    await page.getByRole('list', { name: 'Copilot items' }).getByText('Pinned').first().waitFor();

    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page
      .getByRole('list', { name: 'Pipeline events' })
      .getByText('Insights revealed')
      .waitFor({ timeout: 45_000 });
    await page
      .getByRole('link', { name: 'Open session' })
      .or(page.getByRole('button', { name: 'Open session' }))
      .first()
      .click();

    const section = page.getByRole('region', { name: 'Copilot' });
    const pinned = section.getByRole('listitem').filter({ hasText: pinnedText }).first();
    await pinned.waitFor({ timeout: 30_000 });
    await pinned
      .getByText(/^(Kept: added to the final insights|Confirmed by the final insights)$/)
      .waitFor({ timeout: 30_000 });
    expect(await violations(page, 'section[aria-labelledby="session-copilot-title"]')).toEqual([]);
    await ui.shot('copilot-2-session');
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
