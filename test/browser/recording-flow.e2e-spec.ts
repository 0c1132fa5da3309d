/*
 * A user's whole flow for a recorded meeting in the console (Chromium via playwright-core), on the
 * real app with the fake OpenAI as speech recognizer (the diarizing model, so lines have speakers)
 * and LLM: sign in, upload the fixture WAV on "Upload recordings", watch it go through the stages
 * to "synced" with its transcript ready, open its session from the recordings list, play it, and
 * click a line to jump there. Screenshots: test/artifacts/flow-*.png.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, waitFor, type PipelineApp, type Stack } from '../e2e/pipeline.harness.js';
import { adminDist, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

const ADMIN = { email: 'flow-admin@example.com', password: 'flow admin password 1' };
const WAV = fixtureAudio('es2002a-2min');
const TITLE = 'Kick-off, uploaded';

/** The DOM's MutationObserver as far as this test uses it (the test compiles without the DOM library). */
type Observer = new (callback: () => void) => {
  observe(target: unknown, options: { attributes: boolean; attributeFilter: string[] }): void;
};
/** The page's <audio> element, read in the browser (the console's CSP forbids waitForFunction's string evaluation). */
type Media = EventTarget & { currentTime: number; paused: boolean; duration: number; currentSrc: string };

interface SegmentBody {
  id: string;
  text: string;
  startMs: number;
  endMs: number;
  speakerLabel: string | null;
}

interface Utterance {
  speaker: string;
  startMs: number;
  endMs: number;
}

/** Who the ground truth says was speaking most of the segment. */
function truthSpeaker(s: SegmentBody, truth: Utterance[]): string | undefined {
  const overlap = (u: Utterance) => Math.min(u.endMs, s.endMs) - Math.max(u.startMs, s.startMs);
  return [...truth].sort((a, b) => overlap(b) - overlap(a)).find((u) => overlap(u) > 0)?.speaker;
}

describe('a recorded meeting in the console: upload → transcript → playback', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let app: PipelineApp;
  let origin: string;
  let auth: Record<string, string>;
  let ui: ConsoleBrowser;
  let page: Page;

  const media = () =>
    page.getByTestId('session-audio').evaluate((a) => {
      const m = a as unknown as Media;
      return { currentTime: m.currentTime, paused: m.paused, duration: m.duration, src: m.currentSrc };
    });

  beforeAll(async () => {
    fake = await startFakeOpenAI({ scripts: [WAV] });
    stack = await createStack();
    app = await stack.start({
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-test',
        MINA_ASR_MODEL: 'gpt-4o-transcribe-diarize',
      },
    });
    origin = `http://127.0.0.1:${(app.app.getHttpServer() as { address(): AddressInfo }).address().port}`;
    const login = await app.http.post('/api/auth/login').send(ADMIN).expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    auth = { Authorization: `Bearer ${token}`, 'X-Workspace-Id': (me.body as { memberships: { workspaceId: string }[] }).memberships[0].workspaceId };
    ui = await openConsoleBrowser(origin, WAV);
    page = ui.page;
  }, 90_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot('flow-failed').catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
  });

  it('uploads the WAV to synced, opens its session, plays it, and a click on a line seeks there', async () => {
    await signIn(page, origin, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'Upload recordings' }).click();
    await page.getByRole('heading', { name: 'Upload recordings', level: 1 }).waitFor();
    await page.getByLabel('Choose audio files to upload').setInputFiles(WAV);
    const row = page.getByRole('listitem', { name: 'File es2002a-2min.wav' });
    await row.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    // Fingerprinted and checked against the server: nothing in the way.
    await waitFor('the duplicate check', async () => (await row.getByRole('status').count()) === 0, 10_000);
    expect(await row.getByTestId('upload-error').count()).toBe(0);
    await ui.shot('flow-01-local');

    await row.evaluate((el) => {
      const seen: string[] = [el.getAttribute('data-stage') ?? ''];
      const page = globalThis as unknown as { stages: string[]; MutationObserver: Observer };
      page.stages = seen;
      new page.MutationObserver(() => {
        const stage = el.getAttribute('data-stage') ?? '';
        if (seen.at(-1) !== stage) seen.push(stage);
      }).observe(el, { attributes: true, attributeFilter: ['data-stage'] });
    });
    // A recognizer with a real one's pace, so the transcription's progress can be seen.
    fake.setLatency(250, 'transcriptions');
    await page.getByRole('button', { name: 'Upload 1 file' }).click();
    await row.getByTestId('upload-server-status').getByText(/^Transcribing: [1-9]\d* % done$/).waitFor({ timeout: 30_000 });
    await ui.shot('flow-02-transcribing');
    await row.getByTestId('upload-synced').getByText('Synced: the transcript is ready').waitFor({ timeout: 60_000 });
    fake.setLatency(0, 'transcriptions');
    const stages = await page.evaluate(() => (globalThis as unknown as { stages: string[] }).stages);
    expect(stages.filter((s) => s !== 'queued')).toEqual(['local', 'uploading', 'processing', 'synced']);
    await ui.shot('flow-03-synced');

    const listed = page.getByRole('region', { name: 'Uploaded recordings' }).getByRole('row').filter({ hasText: TITLE });
    await listed.getByText('Completed').waitFor();
    expect(await listed.getByText('Not transcribed').count()).toBe(0);
    await ui.shot('flow-04-recordings-list');
    await listed.click();
    await page.waitForURL(/#\/sessions\/[0-9a-f-]{36}\/show/);
    const sessionId = /sessions\/([0-9a-f-]{36})\/show/.exec(page.url())![1];
    const segments = (await app.http.get(`/api/sessions/${sessionId}/segments`).set(auth).expect(200)).body as SegmentBody[];
    expect(segments.length).toBeGreaterThan(5);
    // Four people spoke: four labels, each always the same person.
    const truth = (JSON.parse(readFileSync(WAV.replace(/\.wav$/, '.json'), 'utf8')) as { utterances: Utterance[] }).utterances;
    const people = new Map<string, Set<string | undefined>>();
    for (const s of segments) people.set(s.speakerLabel ?? '', (people.get(s.speakerLabel ?? '') ?? new Set()).add(truthSpeaker(s, truth)));
    expect([...people.values()].map((p) => [...p])).toEqual([['Project Manager'], ['Industrial Designer'], ['Marketing'], ['User Interface']]);
    const lines = page.locator('[data-testid="transcript-scroller"] li[data-segment-id]');
    await waitFor('the transcript', async () => (await lines.count()) === segments.length, 15_000);
    await page.getByTestId('waveform').waitFor();
    const audio = page.getByTestId('session-audio');
    await waitFor('the audio duration', async () => Number.isFinite((await media()).duration), 10_000);
    const loaded = await media();
    expect(loaded.src).toContain(`/api/sessions/${sessionId}/audio?`);
    expect(Math.abs(loaded.duration - 118.921)).toBeLessThan(0.2);
    expect(await page.getByTestId('speakers-panel').locator('li[data-speaker]').count()).toBe(4);
    await ui.shot('flow-05-session');

    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitFor('the audio to advance', async () => (await media()).currentTime > 1, 10_000);
    await page.locator('li[data-active="true"]').first().waitFor();
    await ui.shot('flow-06-playing');

    // Where the click sends the element, read at its `seeking` event (by `seeked` it already plays on).
    await audio.evaluate((a) => {
      const m = a as unknown as Media & { seeks: number[] };
      m.seeks = [];
      m.addEventListener('seeking', () => m.seeks.push(m.currentTime));
    });
    const target = segments[Math.floor(segments.length / 2)];
    expect(target.startMs).toBeGreaterThan(20_000);
    const line = page.locator(`li[data-segment-id="${target.id}"]`);
    await line.scrollIntoViewIfNeeded();
    await line.getByText(/\w{3}/).last().click();
    const landed = await waitFor('the click to seek', () => audio.evaluate((a) => (a as unknown as { seeks: number[] }).seeks[0]), 5_000);
    expect(Math.abs(landed - target.startMs / 1000)).toBeLessThanOrEqual(0.3);
    await page.locator(`li[data-segment-id="${target.id}"][data-active="true"]`).waitFor();
    await waitFor('playback to go on from there', async () => (await media()).currentTime > target.startMs / 1000 + 0.5, 10_000);
    // The click scrolled the page: back to the top, or the full-page shot draws the fixed app bar mid-page.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await ui.shot('flow-07-after-seek');
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  }, 120_000);
});
