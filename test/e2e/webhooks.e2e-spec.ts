import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenAddressError, SafeFetch } from '#src/integrations/webhooks/safe-fetch.js';
import { JobQueues } from '#src/jobs/job-queues.js';
import { wavHeader } from '#src/recordings/wav-header.js';
import { query, tusUpload } from './uploads.client.js';
import { createStack, meetingTurns, register, waitFor, waitForStatus, type Member, type PipelineApp, type Stack } from './pipeline.harness.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  status: number;
}

/** A webhook consumer: verifies every request with the standardwebhooks library, answers per path from a script. */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, string>();
  readonly scripts = new Map<string, number[]>();
  readonly failures: string[] = [];
  onRequest?: (path: string) => void;
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        if (path === '/rebind') {
          this.received.push({ path, headers: req.headers, body: JSON.parse(raw) as Received['body'], status: 200 });
          res.writeHead(200).end('ok');
          return;
        }
        try {
          const secret = this.secrets.get(path);
          if (!secret) throw new Error(`no secret for ${path}`);
          new Webhook(secret).verify(raw, req.headers as Record<string, string>);
        } catch (error) {
          this.failures.push(`${path}: ${(error as Error).message}`);
        }
        const status = this.scripts.get(path)?.shift() ?? 200;
        this.received.push({ path, headers: req.headers, body: JSON.parse(raw) as Received['body'], status });
        this.onRequest?.(path);
        res.writeHead(status).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string, type?: string): Received[] {
    return this.received.filter((r) => r.path === path && (!type || r.body.type === type));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A registered user with their email (invitations go by email). */
async function signUp(http: PipelineApp['http'], name: string): Promise<Member & { email: string }> {
  const member = await register(http, name);
  const me = await http.get('/api/me').set('Authorization', member.auth.Authorization).expect(200);
  return { ...member, email: (me.body as { email: string }).email };
}

const ENV = { MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', MINA_WEBHOOK_BACKOFF_MS: '50', MINA_WEBHOOK_DISABLE_AFTER: '3', MINA_WEBHOOK_ATTEMPTS: '10' };

describe('signed webhooks (issue 17 item 2)', () => {
  let stack: Stack;
  let mina: PipelineApp;
  let laura: Member & { email: string };
  const receiver = new Receiver();

  const addEndpoint = async (path: string, events: string[], url = receiver.url(path)) => {
    const res = await mina.http.post('/api/webhooks').set(laura.auth).send({ url, events, description: path }).expect(201);
    const body = res.body as { id: string; secret: string };
    receiver.secrets.set(path, body.secret);
    return body;
  };
  const deliveries = async (id: string) =>
    (await mina.http.get(`/api/webhooks/${id}/deliveries`).set(laura.auth).expect(200)).body as { id: string; webhookId: string; attempt: number; status: number | null; success: boolean; replay: boolean; error: string | null; latencyMs: number; eventType: string }[];

  beforeAll(async () => {
    await receiver.start();
    stack = await createStack();
    mina = await stack.start({ env: ENV });
    laura = await signUp(mina.http, 'Laura Smith');
  });

  afterAll(async () => {
    await stack?.close();
    await receiver.close();
  });

  it('sends signed session.completed, insights.revealed and task.created for a session, then task.updated', async () => {
    const hook = await addEndpoint('/main', ['session.completed', 'insights.revealed', 'task.created', 'task.updated']);
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = (await mina.http.get('/api/webhooks').set(laura.auth).expect(200)).body as Record<string, unknown>[];
    expect(listed.map((w) => w.id)).toContain(hook.id);
    expect(listed.every((w) => !('secret' in w) && !('secretCipher' in w))).toBe(true);

    const turns = meetingTurns('ES2002a.json', 30).filter((t) => t.text.replace(/\{[^}]*\}/g, '').trim());
    const vtt = `WEBVTT\n\n${turns.map((t, i) => `${i}\n${ms(t.startMs)} --> ${ms(t.endMs)}\n<v ${t.speaker}>${t.text.replace(/</g, '')}</v>`).join('\n\n')}\n`;
    const imported = await mina.http.post('/api/sessions/import').set(laura.auth).attach('file', Buffer.from(vtt), { filename: 'm.vtt', contentType: 'text/vtt' }).expect(201);
    const sessionId = (imported.body as { id: string }).id;
    const insights = await waitForStatus(mina.http, laura, sessionId, 'completed', 40_000);

    const completed = await waitFor('session.completed', () => receiver.on('/main', 'session.completed')[0]);
    expect(completed.body.data).toMatchObject({ sessionId, status: 'completed' });
    const revealed = await waitFor('insights.revealed', () => receiver.on('/main', 'insights.revealed')[0]);
    expect(revealed.body.data).toMatchObject({ sessionId });
    const extracted = insights.tasks.filter((t) => t.extracted);
    if (extracted.length > 0) await waitFor('extracted task.created', () => receiver.on('/main', 'task.created').length >= extracted.length);

    const task = (await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Send the minutes' }).expect(201)).body as { id: string };
    const created = await waitFor('task.created', () => receiver.on('/main', 'task.created').find((r) => (r.body.data.task as { id: string }).id === task.id));
    expect(created.body.data.task).toMatchObject({ title: 'Send the minutes' });
    await mina.http.put(`/api/tasks/${task.id}`).set(laura.auth).send({ status: 'done' }).expect(200);
    const updated = await waitFor('task.updated', () => receiver.on('/main', 'task.updated')[0]);
    expect(updated.body.data.task).toMatchObject({ id: task.id, status: 'done' });
    expect(updated.headers['webhook-id']).not.toBe(created.headers['webhook-id']);
    expect(receiver.failures).toEqual([]);
  }, 60_000);

  it('retries a 500 with backoff under the same webhook-id, logs each attempt, and replays with the same id', async () => {
    receiver.scripts.set('/flaky', [500, 500]);
    const hook = await addEndpoint('/flaky', ['task.created']);
    await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Flaky' }).expect(201);
    await waitFor('three requests', () => receiver.on('/flaky').length >= 3);
    const requests = receiver.on('/flaky');
    expect(requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const log = await waitFor('three deliveries', async () => {
      const rows = await deliveries(hook.id);
      return rows.length >= 3 && rows;
    });
    expect(log.map((d) => [d.attempt, d.status, d.success])).toEqual([[3, 200, true], [2, 500, false], [1, 500, false]]);
    expect(log.every((d) => d.webhookId === requests[0].headers['webhook-id'] && d.eventType === 'task.created' && d.latencyMs >= 0)).toBe(true);

    await mina.http.post(`/api/webhooks/${hook.id}/deliveries/${log[2].id}/replay`).set(laura.auth).expect(202);
    await waitFor('replay', () => receiver.on('/flaky').length >= 4);
    expect(receiver.on('/flaky')[3].headers['webhook-id']).toBe(requests[0].headers['webhook-id']);
    const after = await waitFor('replay logged', async () => {
      const rows = await deliveries(hook.id);
      return rows.length >= 4 && rows;
    });
    expect(after[0]).toMatchObject({ replay: true, success: true, webhookId: requests[0].headers['webhook-id'] });
    expect(receiver.failures).toEqual([]);
  }, 30_000);

  it('disables an endpoint that keeps failing, says why, and re-enabling resets the count', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const hook = await addEndpoint('/down', ['task.created'], `http://127.0.0.1:${port}/down`);
    await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Nobody listens' }).expect(201);
    const disabled = await waitFor('auto-disable', async () => {
      const body = (await mina.http.get(`/api/webhooks/${hook.id}`).set(laura.auth).expect(200)).body as { disabledAt: string | null; disabledReason: string | null; consecutiveFailures: number };
      return body.disabledAt !== null && body;
    });
    expect(disabled.consecutiveFailures).toBe(3);
    expect(disabled.disabledReason).toMatch(/3 failed deliveries/);
    const log = await deliveries(hook.id);
    expect(log).toHaveLength(3);
    expect(log.every((d) => !d.success && d.error)).toBe(true);

    const again = (await mina.http.put(`/api/webhooks/${hook.id}`).set(laura.auth).send({ enabled: true }).expect(200)).body as Record<string, unknown>;
    expect(again).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
    const audit = await query<{ action: string }>(stack.databaseUrl!, `select "action" from "audit_log" where "target" = $1 order by "action"`, [`webhook:${hook.id}`]);
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.disabled', 'webhook.updated']);
  }, 30_000);

  it('validates input and checks roles and tenants', async () => {
    const bad = async (body: object, code: string) => {
      const res = await mina.http.post('/api/webhooks').set(laura.auth).send(body).expect(400);
      expect((res.body as { code: string }).code).toBe(code);
    };
    await bad({ url: receiver.url('/x'), events: ['session.exploded'] }, 'WEBHOOK_EVENT_UNKNOWN');
    await bad({ url: 'ftp://example.com/x', events: ['task.created'] }, 'WEBHOOK_URL_INVALID');
    await bad({ url: `https://example.com/${'a'.repeat(2100)}`, events: ['task.created'] }, 'WEBHOOK_URL_INVALID');

    const bob = await signUp(mina.http, 'Bob Jones');
    const hook = await addEndpoint('/private', ['task.created']);
    await mina.http.get(`/api/webhooks/${hook.id}`).set(bob.auth).expect(404);
    expect(((await mina.http.get('/api/webhooks').set(bob.auth).expect(200)).body as unknown[])).toHaveLength(0);

    for (const role of ['member', 'viewer']) {
      const user = await signUp(mina.http, `A ${role}`);
      await mina.http.post(`/api/workspaces/${laura.workspaceId}/invitations`).set(laura.auth).send({ email: user.email, role }).expect(201);
      const invitations = (await mina.http.get('/api/me/invitations').set({ Authorization: user.auth.Authorization }).expect(200)).body as { id: string }[];
      await mina.http.post(`/api/invitations/${invitations[0].id}/accept`).set({ Authorization: user.auth.Authorization }).expect((r) => expect(r.status).toBeLessThan(300));
      const inLaura = { ...user.auth, 'X-Workspace-Id': laura.workspaceId };
      await mina.http.get('/api/webhooks').set(inLaura).expect(403);
      await mina.http.post('/api/webhooks').set(inLaura).send({ url: receiver.url('/m'), events: ['task.created'] }).expect(403);
      await mina.http.delete(`/api/webhooks/${hook.id}`).set(inLaura).expect(403);
    }
    const rotated = (await mina.http.post(`/api/webhooks/${hook.id}/rotate-secret`).set(laura.auth).expect(200)).body as { secret: string };
    expect(rotated.secret).toMatch(/^whsec_/);
    await mina.http.delete(`/api/webhooks/${hook.id}`).set(laura.auth).expect(204);
    await mina.http.get(`/api/webhooks/${hook.id}`).set(laura.auth).expect(404);
  }, 30_000);

  it('refuses loopback without the allowance: at registration, and at connect for a name that resolves to it', async () => {
    const strict = await stack.start({ role: 'api', env: { MINA_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' } });
    try {
      for (const url of [receiver.url('/x'), 'http://localhost:9/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://10.0.0.1/x', 'http://[::ffff:127.0.0.1]/x']) {
        const res = await strict.http.post('/api/webhooks').set(laura.auth).send({ url, events: ['task.created'] }).expect(400);
        expect((res.body as { code: string }).code).toBe('WEBHOOK_URL_FORBIDDEN');
      }
      // A name (not a literal) passes registration; the connect-time lookup is what stops it.
      const name = hostname();
      expect((await lookup(name)).address).toMatch(/^127\./);
      const url = `http://${name}:${receiver.port}/rebind`;
      const rebind = (await strict.http.post('/api/webhooks').set(laura.auth).send({ url, events: ['task.created'] }).expect(201)).body as { id: string };
      await strict.http.delete(`/api/webhooks/${rebind.id}`).set(laura.auth).expect(204);
      const guarded = new SafeFetch(false, 2_000);
      await expect(guarded.post(url, {}, '{}', AbortSignal.timeout(2_000))).rejects.toBeInstanceOf(ForbiddenAddressError);
      await guarded.close();
      const before = receiver.on('/rebind').length;
      const allowed = new SafeFetch(true, 2_000);
      expect((await allowed.post(url, {}, '{}', AbortSignal.timeout(2_000))).status).toBe(200);
      await allowed.close();
      expect(receiver.on('/rebind').length).toBe(before + 1);
    } finally {
      await strict.close();
    }
  }, 30_000);

  it('sends recording.synced when an upload becomes the session\'s recording', async () => {
    await addEndpoint('/recordings', ['recording.synced']);
    // Two seconds of a 440 Hz tone as 16 kHz PCM16 WAV.
    const pcm = Buffer.alloc(2 * 16_000 * 2);
    for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(8_000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)), i * 2);
    const base = mina.http.get('/').url.replace(/\/$/, '');
    const user = { userId: laura.userId, email: laura.email, accessToken: laura.token, refreshToken: '', workspaceId: laura.workspaceId };
    const sent = await tusUpload(base, user, Buffer.concat([wavHeader(pcm.length), pcm]), { metadata: { filename: 'tone.wav', filetype: 'audio/wav', title: 'Tone', clientId: 'webhook-tone' } });
    expect(sent.error).toBeUndefined();
    const synced = await waitFor('recording.synced', () => receiver.on('/recordings', 'recording.synced')[0], 30_000);
    expect(synced.body.data).toMatchObject({ sessionId: sent.sessionId, durationMs: 2_000 });
    expect(receiver.failures).toEqual([]);
  }, 40_000);

  it('queues, from the sweep, an event whose deliveries were never queued (a crash between write and enqueue)', async () => {
    await addEndpoint('/swept', ['task.updated']);
    const [{ id }] = await query<{ id: string }>(stack.databaseUrl!,
      `insert into "webhook_event" ("id", "workspace_id", "type", "key", "data", "created_at") values (gen_random_uuid(), $1, 'task.updated', 'swept-by-test', '{"task":{"id":"t"}}', now() - interval '5 minutes') returning "id"`,
      [laura.workspaceId]);
    await mina.app.get(JobQueues).add('sweep-webhooks', {});
    const swept = await waitFor('swept delivery', () => receiver.on('/swept')[0]);
    expect(swept.headers['webhook-id']).toBe(id);
    const [row] = await query<{ enqueued_at: Date | null }>(stack.databaseUrl!, `select "enqueued_at" from "webhook_event" where "id" = $1`, [id]);
    expect(row.enqueued_at).not.toBeNull();
  }, 30_000);

  it('finishes a delivery that was failing when the app stopped, after a restart (same webhook-id)', async () => {
    receiver.scripts.set('/restart', [500]);
    await addEndpoint('/restart', ['task.created']);
    const stopping = new Promise<void>((resolve) => {
      receiver.onRequest = (path) => {
        if (path === '/restart') resolve();
      };
    });
    await mina.http.post('/api/tasks').set(laura.auth).send({ title: 'Across a restart' }).expect(201);
    await stopping;
    receiver.onRequest = undefined;
    await mina.close();
    const first = receiver.on('/restart');
    expect(first.map((r) => r.status)).toEqual([500]);
    mina = await stack.start({ env: ENV });
    await waitFor('delivery after restart', () => receiver.on('/restart').some((r) => r.status === 200));
    expect(new Set(receiver.on('/restart').map((r) => r.headers['webhook-id']))).toEqual(new Set([first[0].headers['webhook-id']]));
    expect(receiver.failures).toEqual([]);
  }, 30_000);
});

function ms(t: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}
