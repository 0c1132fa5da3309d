/*
 * Retention in the console (Chromium via playwright-core) against the real app: an owner sets the
 * workspace's transcript policy (the instance default shown for what is left out), sees what the
 * next run would delete, puts the meeting under legal hold (and the preview empties), releases it,
 * and after the run the session page says its content was deleted instead of showing an empty
 * transcript. Sessions are made old relative to the clock at the start. Screenshots:
 * test/artifacts/retention-*.png.
 */
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContentRetention } from '#src/retention/content-retention.js';
import { as, registerUser, type SignedIn } from '../support/api-client.js';
import { fixtureAudio } from '../support/fixtures.js';
import { stopScheduledRecordingSweep } from '../support/recording-sweep.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminDist, dismissToast, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';

const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;

describe('retention policy and legal hold in the console', () => {
  let mina: TestApp;
  let ui: ConsoleBrowser;
  let page: Page;
  let db: pg.Client;
  let owner: SignedIn;
  let meetingId: string;
  let sessionId: string;

  const settings = async () => ((await mina.http.get(`/api/workspaces/${owner.workspaceId}`).set(as(owner)).expect(200)).body as { settings: Record<string, unknown> }).settings;

  beforeAll(async () => {
    mina = await startTestApp({ env: { MINA_ADMIN_DIST: adminDist(), MINA_RETENTION_TRANSCRIPT_DAYS: '365', MINA_RETENTION_RUN_HOURS: '168' } });
    await stopScheduledRecordingSweep(mina.app, 'apply-retention');
    db = new pg.Client({ connectionString: mina.config.databaseUrl });
    await db.connect();
    owner = await registerUser(mina.url, 'Rita Retention');
    meetingId = ((await mina.http.post('/api/meetings').set(as(owner)).send({ title: 'Quarterly review' }).expect(201)).body as { id: string }).id;
    sessionId = ((await mina.http.post('/api/sessions').set(as(owner)).send({ title: 'Quarterly review recording', meetingId }).expect(201)).body as { id: string }).id;
    const ended = new Date(Date.now() - 40 * DAY);
    await db.query(`update session set status = 'completed', created_at = $1, ended_at = $1 where id = $2`, [ended, sessionId]);
    for (let seq = 0; seq < 2; seq++) {
      await db.query(`insert into segment (id, created_at, updated_at, session_id, seq, kind, text, start_ms, end_ms) values (gen_random_uuid(), now(), now(), $1, $2, 'final', $3, $4, $5)`, [
        sessionId, seq, `We agreed on item ${seq}`, seq * 1000, seq * 1000 + 900,
      ]);
    }
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot(`retention-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await db?.end();
    await mina?.close();
  });

  it('sets the transcript policy and previews what the next run would delete', async () => {
    await signIn(page, mina.url, owner.email, PASSWORD);
    await page.goto(`${mina.url}/admin/#/workspaces/${owner.workspaceId}`);
    const section = page.getByTestId('retention-settings');
    await section.getByRole('heading', { name: 'Retention' }).waitFor();
    // The instance keeps transcripts a year: the session that ended 40 days ago is not due.
    await page.getByTestId('retention-preview-empty').waitFor();
    const transcripts = section.getByRole('combobox', { name: 'Transcripts, summaries and insights' });
    expect(await transcripts.textContent()).toContain('Instance default (365 days)');
    await ui.shot('retention-01-instance-default');

    await transcripts.click();
    await page.getByRole('option', { name: 'Delete after a number of days' }).click();
    const days = section.getByRole('spinbutton', { name: 'Days' });
    expect(await days.inputValue()).toBe('365');
    await days.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Enter a whole number of days from 1 to 36500').waitFor();
    expect(await settings()).not.toHaveProperty('retention');

    await days.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Element updated').waitFor();
    await dismissToast(page, 'Element updated');
    // Only what was chosen is stored: audio days and tasks still follow the instance.
    expect((await settings()).retention).toEqual({ transcriptDays: 30 });

    await page.goto(`${mina.url}/admin/#/workspaces/${owner.workspaceId}`);
    const preview = page.getByTestId('retention-preview');
    await preview.getByText('1 transcript').waitFor();
    await preview.getByRole('link', { name: 'Quarterly review recording' }).waitFor();
    await preview.getByText('transcript (2 segments)').waitFor();
    await ui.shot('retention-02-preview');
  });

  it('puts the meeting under legal hold with a reason, which empties the preview, and releases it', async () => {
    await page.goto(`${mina.url}/admin/#/meetings/${meetingId}/show`);
    const panel = page.getByTestId('legal-hold');
    await panel.getByText('Not under legal hold').waitFor();
    await panel.getByRole('switch', { name: 'Place this meeting under legal hold' }).check();
    await panel.getByRole('textbox', { name: 'Reason (matter, ticket)' }).fill('Audit 2027-04');
    await panel.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Legal hold placed').waitFor();
    await dismissToast(page, 'Legal hold placed');
    await panel.getByText('Under legal hold: nothing of this meeting is deleted').waitFor();
    await panel.getByText('Reason: Audit 2027-04').waitFor();
    await panel.getByText('Rita Retention').waitFor();
    await ui.shot('retention-03-legal-hold');
    const meeting = (await mina.http.get(`/api/meetings/${meetingId}`).set(as(owner)).expect(200)).body as Record<string, unknown>;
    expect(meeting).toMatchObject({ legalHold: true, legalHoldReason: 'Audit 2027-04', legalHoldBy: owner.userId });

    await page.goto(`${mina.url}/admin/#/workspaces/${owner.workspaceId}`);
    await page.getByTestId('retention-preview-empty').waitFor();

    // The meeting's session says it is held through its meeting, and can be held on its own as well.
    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    const sessionPanel = page.getByTestId('legal-hold');
    await sessionPanel.getByTestId('legal-hold-meeting').waitFor();
    await sessionPanel.getByText('Not under legal hold on its own').waitFor();
    await sessionPanel.getByRole('switch', { name: 'Place this session under legal hold' }).waitFor();
    await ui.shot('retention-04-session-held-through-meeting');

    await page.goto(`${mina.url}/admin/#/meetings/${meetingId}/show`);
    await panel.getByRole('switch', { name: 'Place this meeting under legal hold' }).uncheck();
    await panel.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Legal hold released').waitFor();
    await dismissToast(page, 'Legal hold released');
    await panel.getByText('Not under legal hold').waitFor();
    expect(((await mina.http.get(`/api/meetings/${meetingId}`).set(as(owner)).expect(200)).body as { legalHold: boolean }).legalHold).toBe(false);
  });

  it('shows the deletion notice on the session page once the run deleted its content', async () => {
    const run = await mina.app.get(ContentRetention, { strict: false }).run(new Date());
    expect(run.counts.sessions).toBe(1);
    await page.goto(`${mina.url}/admin/#/sessions/${sessionId}/show`);
    const notice = page.getByTestId('content-deleted');
    await notice.getByText('Content deleted by the retention policy').waitFor();
    await notice.getByText(/after 30 days: the transcript, summary, insights and markers of this session are gone; its tasks were kept/).waitFor();
    await page.getByText('The transcript was deleted by the retention policy (30 days).').waitFor();
    expect(await page.getByText('We agreed on item 0').count()).toBe(0);
    await ui.shot('retention-05-deleted-session');
    expect(ui.errors.filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });
});
