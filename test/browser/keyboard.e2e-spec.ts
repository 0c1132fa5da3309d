/*
 * Issue 18 items 3–4 in Chromium: the console used with the keyboard alone (no click, no mouse:
 * Tab, Enter, Escape and the documented shortcuts; focus read from document.activeElement) —
 * sign in, the skip link, the shortcuts dialog and focus back on its opener, a live recording
 * started and stopped, its session opened from the list, the player driven by its shortcuts, a
 * dead letter retried, the upload picker and chained dialogs; then what a screen reader gets from
 * the live page: final segments in the transcript's log region, once each, interims outside it and
 * hidden, the recording's state in its status region and the pipeline's events said by the
 * announcer. Screenshots: test/artifacts/keyboard-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { fixtureAudio } from '../support/fixtures.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { shotOnFailure, type ConsoleBrowser } from './browser.js';
import {
  deadLetter,
  sessionWithTranscript,
  startConsoleStack,
  type Admin,
  type ConsoleStack,
} from './seed.js';

const ADMIN = { email: 'keyboard-admin@example.com', password: 'keyboard admin password 1' };
const MIC_WAV = fixtureAudio('es2002a-2min');
const TITLE = 'Recorded by keyboard';

/** The DOM as far as these tests read it in the page (the test compiles without the DOM library). */
interface El {
  tagName: string;
  id: string;
  textContent: string | null;
  tabIndex: number;
  labels?: { textContent: string | null }[] | null;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  querySelectorAll(selector: string): El[];
}
interface Doc {
  activeElement: El | null;
  body: El;
  getElementById(id: string): El | null;
}
type Observer = new (callback: (records: { addedNodes: El[] }[]) => void) => {
  observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
};
type Media = { currentTime: number; paused: boolean; playbackRate: number; duration: number };

/** What has focus: tag, role, id and a name as a screen reader would roughly get it. */
interface Focused {
  tag: string;
  role: string | null;
  id: string;
  name: string;
}

const active = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const el = d.activeElement;
    if (!el || el === d.body) return { tag: 'body', role: null, id: '', name: '' };
    const labelledBy = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelledBy ? d.getElementById(labelledBy)?.textContent : null) ??
      el.labels?.[0]?.textContent ??
      el.textContent ??
      '';
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      id: el.id,
      name: name.replace(/\s+/g, ' ').trim(),
    };
  });

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(
  page: Page,
  what: string,
  match: (f: Focused) => boolean,
  back = false,
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await active(page);
    if (match(f)) return f;
    seen.push(`${f.tag}${f.role ? `[${f.role}]` : ''} "${f.name.slice(0, 40)}"`);
  }
  throw new Error(`${what} not reached with the keyboard; focus went through: ${seen.join(' → ')}`);
}

const named = (name: string | RegExp) => (f: Focused) =>
  typeof name === 'string' ? f.name === name : name.test(f.name);

const announced = (page: Page) => page.getByTestId('announcer').textContent();
/** The live page's status: a polite status region of its own. */
const liveStatus = (page: Page) =>
  page.getByRole('region', { name: 'Status' }).getByRole('status').textContent();

describe('the console with the keyboard alone', () => {
  let stack: ConsoleStack;
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;

  const media = () =>
    page.getByTestId('session-audio').evaluate((a) => {
      const m = a as unknown as Media;
      return { currentTime: m.currentTime, paused: m.paused, playbackRate: m.playbackRate };
    });

  beforeAll(async () => {
    stack = await startConsoleStack(ADMIN, MIC_WAV);
    ({ mina, admin, ui, page } = stack);
    await deadLetter(mina.app, admin, await sessionWithTranscript(mina, admin, 'Design review', 6));
  });

  afterEach(shotOnFailure('keyboard', () => ui));

  afterAll(async () => {
    await stack?.close();
  });

  it('signs in, skips to content, records, opens the session, plays it and retries a dead letter', async () => {
    await page.goto(`${mina.url}/admin/#/login`);
    await page.getByRole('textbox', { name: 'Email' }).waitFor();
    expect((await active(page)).id).toBe('login-email');
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('login-password');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByText('Welcome, Administrator').waitFor();

    // The skip link is the first stop, shown when focused, and lands on the content.
    await page.keyboard.press('Tab');
    expect(await active(page)).toMatchObject({ tag: 'button', name: 'Skip to content' });
    const shown = await page.getByRole('button', { name: 'Skip to content' }).boundingBox();
    expect(shown!.y).toBeGreaterThanOrEqual(0);
    await ui.shot('keyboard-01-skip-link');
    await page.keyboard.press('Enter');
    expect((await active(page)).id).toBe('content');

    // The shortcuts dialog: from the app bar's button and with "?", focus back on the opener.
    const opener = await tabTo(page, 'the shortcuts button', named('Keyboard shortcuts'), true);
    expect(opener.tag).toBe('button');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await dialog.getByText('Alt+Shift+R').waitFor();
    await ui.shot('keyboard-02-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await active(page)).toMatchObject({ tag: 'button', name: 'Keyboard shortcuts' });
    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await active(page)).toMatchObject({ tag: 'button', name: 'Keyboard shortcuts' });

    // Live page: title typed, Start pressed with Enter, focus handed to Stop; Alt+Shift+S stops.
    await tabTo(page, 'the live menu item', named('Live session'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Live session', level: 1 }).waitFor();
    await tabTo(page, 'the title field', named(/^Session title/));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(TITLE);
    await tabTo(page, 'the start button', named('Start recording'));
    await page.keyboard.press('Enter');
    await page.getByTestId('live-status').getByText('Recording').waitFor({ timeout: 20_000 });
    await waitFor('focus to move to Stop', async () => (await active(page)).name === 'Stop recording', 5_000);
    await page
      .getByRole('log', { name: 'Live transcript' })
      .getByRole('listitem')
      .nth(1)
      .waitFor({ timeout: 30_000 });
    expect(await liveStatus(page)).toBe('Recording');
    await ui.shot('keyboard-03-recording');
    await page.keyboard.press('Alt+Shift+S');
    await page.getByText('Session ended').waitFor({ timeout: 30_000 });
    await waitFor(
      'focus to move to Open session',
      async () => (await active(page)).name === 'Open session',
      5_000,
    );

    const sessions = (await mina.http.get('/api/sessions').set(admin.auth).expect(200)).body as {
      id: string;
      title: string;
    }[];
    const recorded = sessions.find((s) => s.title === TITLE)!;
    expect(recorded).toBeDefined();
    await waitFor(
      'the recording to be kept',
      async () =>
        (
          (await mina.http.get(`/api/sessions/${recorded.id}`).set(admin.auth)).body as {
            recording?: { available?: boolean };
          }
        ).recording?.available === true,
      60_000,
    );

    // The sessions list: Tab reaches the row, Enter opens it.
    await tabTo(page, 'the sessions menu item', named('Sessions'), true);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: new RegExp(TITLE) }).waitFor();
    const row = await tabTo(page, 'the session row', (f) => f.tag === 'tr' && f.name.includes(TITLE));
    expect(row.tag).toBe('tr');
    await ui.shot('keyboard-04-row-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/sessions/${recorded.id}/show`));
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 30_000 });
    // The row that had focus is gone: focus is on the new page's content, not lost to the document.
    await waitFor('focus on the content', async () => (await active(page)).id === 'content', 5_000);

    // The player's buttons and the transcript are reachable; Space, ">" work from the transcript.
    await tabTo(page, 'the play button', named('Play'));
    await tabTo(page, 'the transcript', (f) => f.tag === 'div' && f.name === 'Transcript');
    await tabTo(page, 'a transcript line', named(/^Play from \d+:\d\d$/));
    await tabTo(page, 'the transcript', (f) => f.tag === 'div' && f.name === 'Transcript', true);
    await page.keyboard.press('Space');
    await waitFor(
      'Space to play',
      async () => !(await media()).paused && (await media()).currentTime > 0.2,
      10_000,
    );
    await page.keyboard.press('Space');
    await waitFor('Space to pause', async () => (await media()).paused, 5_000);
    await page.keyboard.press('>');
    await waitFor('">" to speed up', async () => (await media()).playbackRate === 1.25, 5_000);
    expect(await announced(page)).toContain('Speed 1.25×');
    await ui.shot('keyboard-05-player');

    // A dead letter: Tab to its Retry, Enter, Enter on the confirmation; focus stays in the page.
    await tabTo(page, 'the dead letters menu item', named('Dead letters'), true);
    await page.keyboard.press('Enter');
    const deadRow = page.getByRole('row', { name: /summary/ });
    await deadRow.waitFor();
    await tabTo(page, 'the dead letter row', (f) => f.tag === 'tr' && f.name.includes('summary'));
    await tabTo(page, 'its Retry button', named('Retry'));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog');
    await confirm.waitFor();
    expect(await active(page)).toMatchObject({ tag: 'button', name: 'Confirm' });
    await ui.shot('keyboard-06-retry-confirm');
    await page.keyboard.press('Enter');
    await page.getByText('Job sent back to its queue').waitFor();
    await deadRow.waitFor({ state: 'detached' });
    await confirm.waitFor({ state: 'detached' });
    await waitFor('focus to stay in the page', async () => (await active(page)).id === 'content', 5_000);
    // Optimistic: the row goes at once, the request may still be on its way.
    await expect
      .poll(
        async () => (await mina.http.get('/api/admin/dead-letters').set(admin.auth)).headers['content-range'],
        { timeout: 10_000, interval: 250 },
      )
      .toBe('dead-letters */0');
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  }, 180_000);

  it('opens the upload picker with Enter, and gives focus back to "Create API key" after the key shown once', async () => {
    await tabTo(page, 'the uploads menu item', named('Upload recordings'), true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Upload recordings', level: 1 }).waitFor();
    // Listening first: Playwright intercepts file choosers only once it has been asked to.
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await tabTo(page, 'the file picker button', named('Choose files'));
    await page.keyboard.press('Enter');
    expect((await chooser).isMultiple()).toBe(true);

    // Two dialogs in a row: "create" closes as "shown once" opens; the latter cannot give focus
    // back to the former's submit button, and focus goes to the button that started it all.
    await page.goto(`${mina.url}/admin/#/api-keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await tabTo(page, 'the create button', named('Create API key'));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect((await active(page)).name).toMatch(/^Name/);
    await page.keyboard.type('Keyboard key');
    await page.keyboard.press('Enter');
    const shown = page.getByRole('dialog', { name: 'API key "Keyboard key" created' });
    await shown.waitFor();
    await tabTo(page, 'the done button', named("I've copied it"));
    await page.keyboard.press('Enter');
    await shown.waitFor({ state: 'detached' });
    await waitFor(
      'focus back on Create API key',
      async () => (await active(page)).name === 'Create API key',
      5_000,
    );
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('reads final live segments once from the log region, never interims, and announces the state', async () => {
    await page.goto(`${mina.url}/admin/#/live`);
    await page.getByRole('heading', { name: 'Live session', level: 1 }).waitFor();
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        MutationObserver: Observer;
        document: Doc;
        liveSeen: { interims: { inLog: boolean; hidden: boolean }[]; logged: string[] };
      };
      const seen = { interims: [] as { inLog: boolean; hidden: boolean }[], logged: [] as string[] };
      g.liveSeen = seen;
      new g.MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes) {
            if (typeof node.querySelectorAll !== 'function') continue;
            for (const el of [node, ...node.querySelectorAll('[data-kind]')]) {
              const kind = el.getAttribute('data-kind');
              if (kind === 'interim')
                seen.interims.push({
                  inLog: el.closest('[role="log"]') !== null,
                  hidden: el.closest('[aria-hidden="true"]') !== null,
                });
              if (kind === 'final' && el.closest('[role="log"]'))
                seen.logged.push(el.getAttribute('data-segment-id') ?? '');
            }
          }
      }).observe(g.document.body, { childList: true, subtree: true });
    });
    // Focus on the content, not a text field: the shortcut starts the recording.
    await tabTo(page, 'the skip link', named('Skip to content'), true);
    await page.keyboard.press('Enter');
    expect((await active(page)).id).toBe('content');
    await page.keyboard.press('Alt+Shift+R');
    const log = page.getByRole('log', { name: 'Live transcript' });
    await log.getByRole('listitem').nth(2).waitFor({ timeout: 40_000 });
    await waitFor(
      'an interim to be shown',
      () =>
        page.evaluate(
          () => (globalThis as unknown as { liveSeen: { interims: unknown[] } }).liveSeen.interims.length > 0,
        ),
      30_000,
    );
    expect(await liveStatus(page)).toBe('Recording');
    await ui.shot('keyboard-07-live-region');
    // The accessibility tree of the transcript card: the log and its finals only.
    const tree = await page.getByRole('region', { name: 'Live transcript', exact: true }).ariaSnapshot();
    expect(tree).toContain('log "Live transcript"');
    expect(tree).not.toMatch(/interim/i);
    await page.keyboard.press('Alt+Shift+S');
    await page.getByText('Session ended').waitFor({ timeout: 30_000 });
    await page
      .getByRole('list', { name: 'Pipeline events' })
      .getByText('Insights revealed')
      .waitFor({ timeout: 30_000 });
    // The pipeline's events are said as they come, like the stage changes on the session page.
    expect(await announced(page)).toContain('Insights revealed');

    const seen = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            liveSeen: { interims: { inLog: boolean; hidden: boolean }[]; logged: string[] };
          }
        ).liveSeen,
    );
    expect(seen.interims.length).toBeGreaterThan(0);
    expect(seen.interims.every((i) => !i.inLog && i.hidden)).toBe(true);
    // Each final entered the log once: one addition, one announcement.
    const finals = await log
      .locator('li[data-kind="final"]')
      .evaluateAll((els) => els.map((e) => (e as unknown as El).getAttribute('data-segment-id') ?? ''));
    expect(finals.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen.logged).size).toBe(seen.logged.length);
    expect([...seen.logged].sort()).toEqual([...finals].sort());
    expect(await log.getByRole('listitem').count()).toBe(finals.length);
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  }, 120_000);
});
