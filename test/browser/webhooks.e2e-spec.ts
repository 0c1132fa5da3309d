/*
 * Webhooks in the console (Chromium via playwright-core) against the real app, PostgreSQL and
 * Redis, with a real local receiver that verifies each request with the standardwebhooks library:
 * an endpoint is added (its secret shown once, read from the dialog and used by the receiver),
 * a task created through the API arrives signed, the delivery shows in the endpoint's log, and
 * its replay arrives with the same webhook-id. Screenshots: test/artifacts/webhooks-*.png.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAudio } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../e2e/pipeline.harness.js';
import { adminDist, dismissToast, openConsoleBrowser, signIn, type ConsoleBrowser } from './browser.js';
import { loginAdmin, type Admin } from './seed.js';

const ADMIN = { email: 'webhooks-admin@example.com', password: 'webhooks admin password 1' };

describe('webhooks in the console', () => {
  let mina: TestApp;
  let admin: Admin;
  let ui: ConsoleBrowser;
  let page: Page;
  let server: Server;
  let secret = '';
  const received: { headers: IncomingHttpHeaders; type: string; verified: boolean }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let verified = true;
        try {
          new Webhook(secret).verify(raw, req.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        received.push({ headers: req.headers, type: (JSON.parse(raw) as { type: string }).type, verified });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mina = await startTestApp({
      db: 'postgresql',
      env: {
        MINA_ADMIN_DIST: adminDist(),
        MINA_ADMIN_EMAIL: ADMIN.email,
        MINA_ADMIN_PASSWORD: ADMIN.password,
        MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      },
    });
    admin = await loginAdmin(mina, ADMIN.email, ADMIN.password);
    ui = await openConsoleBrowser(mina.url, fixtureAudio('es2002a-2min'));
    page = ui.page;
  }, 60_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && ui) await ui.shot('webhooks-failed').catch(() => undefined);
  });

  afterAll(async () => {
    await ui?.close();
    await mina?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('adds an endpoint, shows its secret once, lists a signed delivery and replays it', async () => {
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await signIn(page, mina.url, ADMIN.email, ADMIN.password);
    await page.getByRole('menuitem', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByLabel('URL').fill(target);
    await page.getByLabel('task.created').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    secret = await shown.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await ui.shot('webhooks-secret');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: target }).click();

    await mina.http.post('/api/tasks').set(admin.auth).send({ title: 'Webhook from the console test' }).expect(201);
    await waitFor('the first request', () => received.length >= 1);
    expect(received[0]).toMatchObject({ type: 'task.created', verified: true });

    const rows = page.getByTestId('webhook-delivery');
    await waitFor('the delivery in the log', async () => {
      await page.getByRole('button', { name: 'Refresh deliveries' }).click();
      return (await rows.count()) === 1;
    });
    await rows.first().getByText(String(received[0].headers['webhook-id'])).waitFor();
    await rows.first().getByRole('button', { name: 'Replay' }).click();
    await dismissToast(page, 'Replay queued');
    await waitFor('the replay', () => received.length >= 2);
    expect(received[1]).toMatchObject({ type: 'task.created', verified: true });
    expect(received[1].headers['webhook-id']).toBe(received[0].headers['webhook-id']);
    await waitFor('the replay in the log', async () => {
      await page.getByRole('button', { name: 'Refresh deliveries' }).click();
      return (await rows.count()) === 2;
    });
    await rows.first().getByText('(replay)').waitFor();
    await ui.shot('webhooks-deliveries');
    expect(ui.errors).toEqual([]);
  }, 90_000);
});
