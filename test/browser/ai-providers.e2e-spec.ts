/*
 * The AI providers page and the session page's "by <provider>" (Chromium via playwright-core)
 * against the real app with two fake OpenAI servers as its LLM chain: the first fails, the second
 * answers. Screenshots: test/artifacts/ai-providers-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { scriptLlm } from '../e2e/pipeline.fake-llm.js';
import type { PipelineSettings } from '#src/pipeline/pipeline-settings.js';
import { FAST } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { finalized, loginAdmin, sessionWithTranscript, type Admin } from './seed.js';

const ADMIN = { email: 'root@ai-providers.test', password: 'admin-password-1' };
/** Short job locks, and no transport retry: each failed request goes straight to the next provider. */
const LLM_TUNING: Partial<PipelineSettings> = { ...FAST, llmRetries: 0 };

async function seriousViolations(page: Page): Promise<string[]> {
  // The page's own content (the shared layout is checked by its own issue).
  const result = await new AxeBuilder({ page })
    .include('#main-content')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('AI providers in the console', () => {
  let primary: FakeOpenAI;
  let secondary: FakeOpenAI;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    primary = await startFakeOpenAI();
    secondary = await startFakeOpenAI();
    scriptLlm(primary, { assignee: 'Laura' });
    scriptLlm(secondary, { assignee: 'Laura' });
    const provider = (name: string, fake: FakeOpenAI, roles?: string[]) => ({
      name,
      baseUrl: fake.baseURL,
      apiKey: `sk-${name}-secret`,
      model: 'gpt-4.1-mini',
      ...(roles ? { roles } : {}),
    });
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        MINA_LLM_PROVIDERS: JSON.stringify([
          provider('openai-eu', primary),
          provider('local-vllm', secondary),
        ]),
      },
      config: { pipeline: LLM_TUNING },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui)
      await ui
        .shot(`ai-providers-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
        .catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await primary?.close();
    await secondary?.close();
  });

  it('shows each provider’s state in words, its latency, error rate, last error and tokens, and follows changes', async () => {
    primary.setFault({ kind: 'unavailable', route: 'chat' });
    const sessionId = await sessionWithTranscript(mina, admin, 'Provider failover', 30);
    await finalized(mina, admin, sessionId);

    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'AI providers' }).click();
    await page.getByRole('heading', { name: 'AI providers', level: 1 }).waitFor();
    const llm = page.getByRole('table', { name: 'Language models' });
    const first = llm.locator('[data-provider="llm:openai-eu"]');
    const second = llm.locator('[data-provider="llm:local-vllm"]');
    await first.waitFor();
    // Four failed requests opened the first provider's breaker; five seconds later it is half-open.
    await expect
      .poll(() => first.locator('[data-state]').getAttribute('data-state'))
      .toMatch(/^(open|half_open)$/);
    await expect
      .poll(async () => (await first.textContent()) ?? '')
      .toMatch(/Failing \(breaker open\)|Testing \(half-open\)/);
    expect(await first.textContent()).toContain('503');
    expect(await first.textContent()).toContain('100.0 %');
    await expect.poll(async () => (await second.textContent()) ?? '').toContain('Working');
    const secondText = (await second.textContent()) ?? '';
    expect(secondText).toMatch(/\d+ ms \/ \d+ ms/);
    expect(secondText).toContain('0.0 %');
    expect(secondText).toContain('None');
    expect(await page.getByRole('table', { name: 'Speech recognition' }).count()).toBe(0);
    await page.getByText('No speech recognizer is configured').waitFor();
    expect(await page.content()).not.toContain('-secret');
    await ui.shot('ai-providers-01-page');
    expect(await seriousViolations(page)).toEqual([]);

    // The page refreshes by itself: once the breaker lets a trial request through, the recovered first provider answers it.
    await expect
      .poll(() => first.locator('[data-state]').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('half_open');
    primary.clearFaults();
    const recovered = await sessionWithTranscript(mina, admin, 'After recovery', 20);
    await finalized(mina, admin, recovered);
    await expect
      .poll(async () => (await first.textContent()) ?? '', { timeout: 20_000 })
      .toContain('Working');

    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    const stages = page.getByRole('list', { name: 'Pipeline' });
    await stages.locator('[data-stage="summary"] [data-produced-by]').waitFor();
    for (const stage of ['refinement', 'analytics', 'tasks', 'summary']) {
      expect(await stages.locator(`[data-stage="${stage}"] [data-produced-by]`).textContent()).toBe(
        'by local-vllm',
      );
    }
    await page.getByRole('region', { name: 'Summary' }).getByText('by local-vllm').waitFor();
    await ui.shot('ai-providers-02-session');
    expect(ui.errors).toEqual([]);
  });
});
