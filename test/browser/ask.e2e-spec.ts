/*
 * Issue 16 item 2, the console part: Ask Mina in Chromium against the real app, PostgreSQL, Redis
 * and the fake OpenAI-compatible server. A question streams an answer whose sources open the
 * session at the moment they were said; follow-ups, past conversations, the honest states (nothing
 * found, the local fallback, Stop, a refusal with Retry-After) and the entry points.
 * Screenshots: test/artifacts/ask-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, sessionWithTranscript, type Admin } from './seed.js';

const ADMIN = { email: 'ask-admin@example.com', password: 'ask admin password 1' };
// ES2002b: the project manager brings up the corporate slogan at 1:46 and 2:04.
const SLOGAN_QUESTION = 'What did they say about the slogan?';

interface SegmentRow {
  id: string;
  startMs: number;
  text: string;
}

describe('Ask Mina in the console (Chromium, real API, fake OpenAI)', () => {
  let fake: FakeOpenAI;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let sessionId: string;
  const url = (hash: string) => `${mina.url}/admin/#${hash}`;

  const questionBox = () => page.getByRole('textbox', { name: 'Your question' });
  const turns = () => page.getByTestId('ask-turn');
  /** Asks with Enter and waits for the turn to end (done, error, stopped or interrupted). */
  /** The Ask page with no conversation open (a hash change alone keeps the page and its turns). */
  async function freshAsk(): Promise<void> {
    await page.goto(url('/ask'));
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByText(/^No questions yet/).waitFor();
  }
  async function ask(question: string): Promise<Locator> {
    const before = await turns().count();
    await questionBox().fill(question);
    await questionBox().press('Enter');
    const turn = turns().nth(before);
    await turn.waitFor();
    await expect.poll(() => turn.getAttribute('data-status'), { timeout: 30_000 }).not.toBe('streaming');
    return turn;
  }

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'test',
      },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    sessionId = await sessionWithTranscript(mina, admin, 'Slogan meeting', 24);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
  });

  afterEach(async (ctx) => {
    fake?.clearFaults();
    if (ctx.task.result?.state === 'fail' && ui)
      await ui.shot(`ask-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await fake?.close();
  });

  it('asks from the menu, streams an answer with sources, and a source opens the session at that moment', async () => {
    await page.getByRole('menuitem', { name: 'Ask Mina' }).click();
    await page.waitForURL((u) => u.hash === '#/ask');
    // Words 150 ms apart: the first sentence shows while the rest is on its way.
    fake.setFault({ kind: 'slow-deltas', route: 'chat', latencyMs: 150, times: 1 });
    await questionBox().fill(SLOGAN_QUESTION);
    await questionBox().press('Enter');
    const turn = turns().first();
    const region = page.getByTestId('ask-conversation-turns');
    await page
      .locator('[data-testid="ask-turn"][data-status="streaming"] [data-testid="ask-answer-text"]')
      .waitFor();
    const partial = (await turn.getByTestId('ask-answer-text').textContent()) ?? '';
    expect(await region.getAttribute('aria-busy')).toBe('true');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await expect.poll(() => turn.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    const whole = (await turn.getByTestId('ask-answer-text').textContent()) ?? '';
    expect(whole.length).toBeGreaterThan(partial.length);
    expect(await region.getAttribute('aria-busy')).toBe('false');
    expect(await page.getByRole('status').filter({ hasText: 'Answer complete' }).count()).toBe(1);
    expect(await turn.getByTestId('ask-answer-text').textContent()).toMatch(/slogan/i);
    await turn
      .getByTestId('ask-provider')
      .getByText(/^Answered by \S+/)
      .waitFor();
    expect(await turn.getByTestId('ask-fallback').count()).toBe(0);

    const markers = turn.getByTestId('ask-marker');
    expect(await markers.count()).toBeGreaterThanOrEqual(1);
    const sources = turn.getByTestId('ask-source');
    expect(await sources.count()).toBeGreaterThanOrEqual(1);
    // The first source: speaker, m:ss, the quote and the session's title; the marker [1] leads to the same moment.
    const source = sources.first();
    expect(await source.textContent()).toMatch(/\[1\].*\d+:\d{2}.*Slogan meeting/);
    const href = await source.getByRole('link').getAttribute('href');
    const target = /^#\/sessions\/([^/]+)\/show\?t=(\d+)$/.exec(href ?? '');
    expect(target?.[1]).toBe(sessionId);
    const atMs = Number(target?.[2]);
    expect(await markers.first().getAttribute('href')).toBe(href);
    const quote = (await source.locator('q').textContent())?.trim() ?? '';
    expect(quote.length).toBeGreaterThan(0);

    // The cited words are the session's own, at the time the link names.
    const segments = (await mina.http.get(`/api/sessions/${sessionId}/segments`).set(admin.auth).expect(200))
      .body as SegmentRow[];
    const cited = segments.find((s) => s.startMs === atMs);
    expect(cited, `a segment starts at ${atMs}`).toBeDefined();
    expect(
      segments
        .filter((s) => s.startMs >= atMs)
        .map((s) => s.text)
        .join(' '),
    ).toContain(quote.slice(0, 20));
    await ui.shot('ask-01-answer');

    // This page's own content; the app bar and menu are the accessibility suite's.
    const accessibility = await new AxeBuilder({ page })
      .include('#main-content')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = accessibility.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await markers.first().click();
    await page.waitForURL((u) => u.hash === `#/sessions/${sessionId}/show?t=${atMs}`);
    await page.getByRole('heading', { name: 'Slogan meeting' }).first().waitFor();
    const highlighted = page.locator('[data-segment-id][aria-current="true"]');
    await highlighted.waitFor();
    expect(await highlighted.getAttribute('data-segment-id')).toBe(cited?.id);
    expect(await highlighted.textContent()).toContain(cited?.text.slice(0, 20));
    await ui.shot('ask-02-session-moment');
  });

  it('continues the conversation with a follow-up, lists it, reopens it and deletes it', async () => {
    await freshAsk();
    await ask(SLOGAN_QUESTION);
    const followUp = await ask('Who suggested it?');
    expect(await followUp.getAttribute('data-status')).toBe('done');
    expect(await turns().count()).toBe(2);

    const listed = page.getByTestId('ask-conversation');
    await expect.poll(() => listed.count()).toBeGreaterThanOrEqual(1);
    const current = page.locator('[data-testid="ask-conversation"][aria-current="true"]');
    await current.waitFor();
    const saved = await mina.http.get('/api/ask/conversations').set(admin.auth).expect(200);
    const { title } = (saved.body as { title: string }[])[0];
    expect(await current.textContent()).toContain(title);

    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await turns().count()).toBe(0);
    await page.getByText(/^No questions yet/).waitFor();

    await listed.filter({ hasText: title }).first().click();
    await expect.poll(() => turns().count()).toBe(2);
    expect(await turns().nth(1).textContent()).toContain('Who suggested it?');
    await ui.shot('ask-03-conversation');

    const count = await listed.count();
    await page
      .getByRole('button', { name: `Delete conversation “${title}”` })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => listed.count()).toBe(count - 1);
    expect(await turns().count()).toBe(0);
    const list = await mina.http.get('/api/ask/conversations').set(admin.auth).expect(200);
    expect((list.body as { title: string }[]).length).toBe(count - 1);
  });

  it('Stop aborts an answer still on its way and says it is incomplete', async () => {
    await freshAsk();
    // Shift+Enter is a new line, not a question.
    await questionBox().fill('First line');
    await questionBox().press('Shift+Enter');
    await questionBox().pressSequentially('second line');
    expect(await questionBox().inputValue()).toBe('First line\nsecond line');
    expect(await turns().count()).toBe(0);
    fake.setFault({ kind: 'latency', route: 'chat', latencyMs: 20_000, times: 1 });
    await questionBox().fill(SLOGAN_QUESTION);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const turn = turns().first();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => turn.getAttribute('data-status')).toBe('stopped');
    await turn.getByText('Stopped: the answer is incomplete.').waitFor();
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
  });

  // After Stop: an AI outage may leave the LLM breaker open for the tests that follow.
  it('says when nothing in the meetings answers, and labels the local fallback when the AI is down', async () => {
    await freshAsk();
    const nothing = await ask('What is the penguin migration schedule for Antarctica?');
    await nothing.getByTestId('ask-not-found').getByText('Nothing in these meetings answers this.').waitFor();
    expect(await nothing.getByTestId('ask-source').count()).toBe(0);

    fake.setFault({ kind: 'unavailable', route: 'chat' });
    const fallback = await ask(SLOGAN_QUESTION);
    expect(await fallback.getAttribute('data-status')).toBe('done');
    await fallback
      .getByTestId('ask-fallback')
      .getByText(/local fallback \(AI unavailable\): quotes only/)
      .waitFor();
    expect(await fallback.getByTestId('ask-provider').count()).toBe(0);
    expect(await fallback.getByTestId('ask-source').count()).toBeGreaterThanOrEqual(1);
    await ui.shot('ask-04-honest-states');
  });

  it('shows a refusal with its code and when to try again', async () => {
    await freshAsk();
    // The API's 429 as its rate limiter sends it (error body + Retry-After), so the page can be checked alone.
    await page.route('**/api/ask', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
        body: JSON.stringify({
          statusCode: 429,
          error: 'Too Many Requests',
          code: 'RATE_LIMITED',
          message: 'Too many questions; slow down',
          requestId: 'req-1',
        }),
      }),
    );
    try {
      const turn = await ask(SLOGAN_QUESTION);
      const error = turn.getByTestId('ask-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(
        /Too many questions; slow down.*RATE_LIMITED.*try again in 42 seconds/,
      );
    } finally {
      await page.unroute('**/api/ask');
    }
  });

  it('the session and meeting pages open Ask Mina scoped to them', async () => {
    const meeting = await mina.http
      .post('/api/meetings')
      .set(admin.auth)
      .send({ title: 'Design review' })
      .expect(201);
    const entries = [
      { about: 'session', resource: 'sessions', id: sessionId, title: 'Slogan meeting' },
      {
        about: 'meeting',
        resource: 'meetings',
        id: (meeting.body as { id: string }).id,
        title: 'Design review',
      },
    ];
    for (const { about, resource, id, title } of entries) {
      await page.goto(url(`/${resource}/${id}/show`));
      await page.getByRole('link', { name: `Ask about this ${about}` }).click();
      await page.waitForURL((u) => u.hash === `#/ask?${about}Id=${id}`);
      expect(await page.getByRole('radio', { name: `A ${about}` }).isChecked()).toBe(true);
      const picker = page.getByRole('combobox', { name: about === 'session' ? 'Session' : 'Meeting' });
      await expect.poll(() => picker.inputValue()).toBe(title);
    }
    await ui.shot('ask-05-meeting-scope');
    expect(ui.errors.filter((e) => !/status of 429/.test(e))).toEqual([]);
  });
});
