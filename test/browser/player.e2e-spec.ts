/*
 * Issue 13 item 7 (the session page's player and speakers) in a real browser: a session whose audio
 * is kept (recorded while no speech recognizer was configured, then transcribed with the fake ASR,
 * so it has both a recording and speaker-labelled segments) plays through a signed URL; a click on a
 * transcript line seeks the <audio> element to that line's start; Space and → work; renaming a
 * speaker shows the new name in the transcript; the speaker filter hides their lines; a session
 * with no audio (an imported transcript) says why. Screenshots: test/artifacts/player-*.png.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createStack, waitFor, type PipelineApp, type Stack } from '../e2e/pipeline.harness.js';
import { call, chunks, connect, loadFixture, stream } from '../e2e/transcription-client.js';
import { adminDist, openConsoleBrowser, type ConsoleBrowser } from './browser.js';

const ADMIN = { email: 'player-admin@example.com', password: 'player admin password 1' };
const MIC_WAV = fixtureAudio('es2002a-2min');
/** Half-second chunks: 20 s of the meeting, enough for several speakers and lines. */
const CHUNKS = 40;

const urlOf = (a: PipelineApp) => `http://127.0.0.1:${(a.app.getHttpServer() as { address(): AddressInfo }).address().port}`;

/**
 * The page's <audio> element as read in the browser (the test's own types have no DOM). Polled
 * from here: the console's CSP forbids the string evaluation that waitForFunction would need.
 */
type Media = EventTarget & { currentTime: number; currentSrc: string; paused: boolean; ended: boolean; duration: number };

interface SegmentBody {
  id: string;
  speaker: string | null;
  speakerLabel: string | null;
  startMs: number;
}

describe('the session player and speakers panel', () => {
  let stack: Stack;
  let fake: FakeOpenAI;
  let app: PipelineApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let auth: Record<string, string>;
  let sessionId: string;
  const env = () => ({ MINA_ADMIN_DIST: adminDist(), MINA_ADMIN_EMAIL: ADMIN.email, MINA_ADMIN_PASSWORD: ADMIN.password });
  const media = () =>
    page.getByTestId('session-audio').evaluate((a) => {
      const m = a as unknown as Media;
      return { currentTime: m.currentTime, paused: m.paused, ended: m.ended, duration: m.duration };
    });
  const audioTime = async () => (await media()).currentTime;
  const segments = async () => (await app.http.get(`/api/sessions/${sessionId}/segments`).set(auth).expect(200)).body as SegmentBody[];

  beforeAll(async () => {
    stack = await createStack();
    fake = await startFakeOpenAI({ scripts: [MIC_WAV] });
    // Recorded without a recognizer: the audio is kept in the recording store…
    app = await stack.start({ env: env() });
    const login = await app.http.post('/api/auth/login').send(ADMIN).expect(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    const workspaceId = (me.body as { memberships: { workspaceId: string }[] }).memberships[0].workspaceId;
    auth = { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId };
    sessionId = ((await app.http.post('/api/sessions').set(auth).send({ title: 'Kick-off, played back' }).expect(201)).body as { id: string }).id;
    const socket = await connect(urlOf(app), { token, workspaceId });
    try {
      expect((await call(socket, 'session:join', { sessionId })).ok).toBe(true);
      const acks = await stream(socket, sessionId, chunks(loadFixture(), 500).slice(0, CHUNKS));
      expect(acks.every((a) => a.ok)).toBe(true);
      expect((await call(socket, 'session:end', { sessionId })).ok).toBe(true);
    } finally {
      socket.close();
    }
    const status = async () => (await app.http.get(`/api/sessions/${sessionId}`).set(auth)).body as { status: string; transcription?: unknown };
    await waitFor('the session to complete untranscribed', async () => (await status()).status === 'completed', 30_000);
    // …then transcribed by the fake ASR, so the recording has speaker-labelled segments.
    await app.close();
    // The diarizing model, so that the lines have speakers to colour, rename and filter.
    app = await stack.start({ env: { ...env(), OPENAI_BASE_URL: fake.baseURL, MINA_ASR_MODEL: 'gpt-4o-transcribe-diarize' } });
    await app.http.post(`/api/sessions/${sessionId}/transcribe`).set(auth).expect(202);
    await waitFor('the transcript', async () => {
      const s = await status();
      return s.status === 'completed' && !s.transcription && (await segments()).length > 3;
    }, 60_000);
    ui = await openConsoleBrowser(urlOf(app), MIC_WAV);
    page = ui.page;
    await page.goto(`${urlOf(app)}/admin/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/^Welcome/).waitFor();
  }, 150_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`player-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await stack?.close();
    await fake?.close();
    if (stack) rmSync(`/tmp/mina-test-${stack.redisPrefix}`, { recursive: true, force: true });
  });

  it('plays the recording, and a click on a line seeks the audio to its start', async () => {
    await page.goto(`${urlOf(app)}/admin/#/sessions/${sessionId}/show`);
    const audio = page.getByTestId('session-audio');
    await audio.waitFor({ state: 'attached' });
    await page.getByTestId('waveform').waitFor();
    // The element loads the signed URL: no Bearer header, and yet it knows the duration.
    const src = await audio.evaluate((a) => (a as unknown as Media).currentSrc);
    expect(src).toContain(`/api/sessions/${sessionId}/audio`);
    await waitFor('the duration', async () => Number.isFinite((await media()).duration), 10_000);
    const lanes = await page.getByTestId('speakers-panel').locator('li[data-speaker]').count();
    expect(lanes).toBeGreaterThan(1);
    await ui.shot('player-01-session');

    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await waitFor('the audio to advance', async () => (await audioTime()) > 0.5, 10_000);
    await page.locator('li[data-active="true"]').first().waitFor();
    await ui.shot('player-02-playing');

    // Where the click sends the element, read at its `seeking` event (by `seeked` it already plays on).
    await audio.evaluate((a) => {
      const m = a as unknown as Media & { seeks: number[] };
      m.seeks = [];
      m.addEventListener('seeking', () => m.seeks.push(m.currentTime));
    });
    const target = (await segments())[1];
    expect(target.startMs).toBeGreaterThan(5_000);
    await page.locator(`li[data-segment-id="${target.id}"]`).getByText(/\w{3}/).last().click();
    const landed = await waitFor('the click to seek', () => audio.evaluate((a) => (a as unknown as { seeks: number[] }).seeks[0]), 5_000);
    expect(Math.abs(landed - target.startMs / 1000)).toBeLessThanOrEqual(0.3);
    await page.locator(`li[data-segment-id="${target.id}"][data-active="true"]`).waitFor();
    expect(await audio.evaluate((a) => (a as unknown as Media).paused)).toBe(false);

    // Space pauses (focus on no control: the page title), ← moves 5 s back.
    await page.locator('.MuiCard-root h1', { hasText: 'Kick-off, played back' }).click();
    await page.keyboard.press('Space');
    await waitFor('Space to pause', async () => {
      const m = await media();
      return m.paused && !m.ended;
    }, 5_000);
    const before = await audioTime();
    expect(before).toBeGreaterThan(5);
    await page.keyboard.press('ArrowLeft');
    await waitFor('← to seek 5 s back', async () => Math.abs((await audioTime()) - (before - 5)) < 0.3, 5_000);
    await ui.shot('player-03-after-seek');
    // The lane colours and the waveform in the dark theme too.
    const theme = async (name: string) => {
      await page.getByRole('button', { name: 'Theme and text size' }).click();
      await page.getByRole('menuitemradio', { name, exact: true }).click();
    };
    await theme('Dark');
    await ui.shot('player-03-dark');
    await theme('Light');
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });

  it('renames a speaker in place, and the transcript shows the new name; the filter hides their lines', async () => {
    const label = (await segments()).find((s) => s.speakerLabel)!.speakerLabel!;
    const panel = page.getByTestId('speakers-panel');
    await panel.getByRole('button', { name: `Rename ${label}` }).click();
    const field = panel.getByLabel(`Name for ${label}`);
    await field.fill('Alice Example');
    await field.press('Enter');
    await page.locator('[data-testid="transcript-scroller"] li').getByText('Alice Example').first().waitFor();
    expect((await segments()).filter((s) => s.speakerLabel === label).every((s) => s.speaker === 'Alice Example')).toBe(true);
    await panel.locator(`li[data-speaker="${label}"]`).getByRole('button', { name: 'Insights' }).click();
    await panel.getByTestId('speaker-details').waitFor();
    await ui.shot('player-04-renamed');

    const toggle = panel.getByLabel('Show Alice Example in the transcript');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    expect(await toggle.isChecked()).toBe(false);
    await waitFor('Alice’s lines to be hidden', async () => (await page.locator('[data-testid="transcript-scroller"] li').getByText('Alice Example').count()) === 0, 5_000);
    expect(await page.locator('[data-testid="transcript-scroller"] li[data-segment-id]').count()).toBeGreaterThan(0);
    await ui.shot('player-05-filtered');
    await panel.getByRole('button', { name: 'Show all speakers' }).click();
    await page.locator('[data-testid="transcript-scroller"] li').getByText('Alice Example').first().waitFor();
  });

  it('says why there is nothing to play for an imported transcript', async () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Bob>Hello there, shall we start?\n';
    const imported = await app.http.post('/api/sessions/import').set(auth).attach('file', Buffer.from(vtt), 'call.vtt').expect(201);
    await page.goto(`${urlOf(app)}/admin/#/sessions/${(imported.body as { id: string }).id}/show`);
    await page.getByTestId('no-recording').getByText('imported from a transcript file').waitFor();
    expect(await page.getByTestId('session-audio').count()).toBe(0);
    await ui.shot('player-06-imported');
  });

  it('a link to a moment (?t=, as Ask Mina and search send) puts the player and the transcript there', async () => {
    const target = (await segments())[2];
    expect(target.startMs).toBeGreaterThan(5_000);
    // A fresh page load: the recording is not loaded yet when the moment is asked for.
    await page.goto(`${urlOf(app)}/admin/#/sessions/${sessionId}/show?t=${target.startMs}`);
    await page.reload();
    await page.getByTestId('session-audio').waitFor({ state: 'attached' });
    await waitFor(
      'the player at the moment',
      async () => Math.abs((await audioTime()) - target.startMs / 1000) < 0.3,
      10_000,
    );
    expect((await media()).paused).toBe(true);
    await page.locator(`li[data-segment-id="${target.id}"][aria-current]`).waitFor();
    await ui.shot('player-07-linked-moment');
  });
});
