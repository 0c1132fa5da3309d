import type { Histogram } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsService } from '#src/observability/metrics.service.js';
import { CircuitBreakers } from '#src/resilience/circuit-breakers.service.js';
import { SloSampler } from '#src/slo/slo-sampler.service.js';
import { SLO_METRICS } from '#src/slo/slo.definitions.js';
import type { MetricsSeries, SloReport } from '#src/slo/slo-report.js';
import type { BreakerView } from '#src/slo/slo.service.js';
import type { EndAck, JoinAck } from '#src/transcription/transcription.events.js';
import { startFakeOpenAI } from '../support/fake-openai/fake-openai-server.js';
import type { FakeOpenAI } from '../support/fake-openai/fake-openai.types.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import {
  call,
  chunks,
  createSession,
  ES2002A,
  loadFixture,
  register,
  stream,
  userSocket,
} from './transcription-client.js';

const ADMIN = { email: 'slo-admin@example.com', password: 'correct horse battery staple' };

/** Requests this process's registry has counted, probes excluded — what the SLO must add up to. */
async function httpCounts(t: TestApp): Promise<{ total: number; errors: number }> {
  const metric = t.app.get(MetricsService).registry.getSingleMetric(SLO_METRICS.http) as Histogram;
  let total = 0;
  let errors = 0;
  for (const v of (await metric.get()).values) {
    if (!v.metricName?.endsWith('_count') || String(v.labels.route).startsWith('/health')) continue;
    total += v.value;
    if (String(v.labels.status_code).startsWith('5')) errors += v.value;
  }
  return { total, errors };
}

async function histogramCount(t: TestApp, name: string): Promise<number | undefined> {
  const metric = t.app.get(MetricsService).registry.getSingleMetric(name);
  if (!metric) return undefined;
  return (
    (await metric.get()).values.find((v) => (v as { metricName?: string }).metricName === `${name}_count`)
      ?.value ?? 0
  );
}

describe('SLOs across two processes: traffic with failures → sampler → /api/admin/slo', () => {
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  const redisPrefix = `minatest-slo-${Math.random().toString(36).slice(2, 8)}`;
  let fake: FakeOpenAI;
  let api1: TestApp;
  let api2: TestApp;
  let drop: () => Promise<void>;
  let admin: string;
  let revealRegistered = false;
  // Steps well ahead of the clock, so the samplers' own timers never claim them during the test.
  const at = (minutesAhead: number) => Date.now() + minutesAhead * 60_000;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = () => db.drop();
    await pgProxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(pgProxy.port);
    fake = await startFakeOpenAI({ scripts: [ES2002A] });
    const env = {
      OPENAI_BASE_URL: fake.baseURL,
      MINA_ADMIN_EMAIL: ADMIN.email,
      MINA_ADMIN_PASSWORD: ADMIN.password,
    };
    api1 = await startTestApp({ databaseUrl: viaProxy.toString(), redisPrefix, env });
    api2 = await startTestApp({ databaseUrl: db.url, redisPrefix, env: { ...env, MINA_ROLE: 'api' } });
    const login = await api1.http.post('/api/auth/login').send(ADMIN).expect(200);
    admin = `Bearer ${(login.body as { accessToken: string }).accessToken}`;
  });

  afterAll(async () => {
    await pgProxy.restore();
    await api2?.close();
    await api1?.close();
    await pgProxy.cut();
    await fake?.close();
    await drop?.();
  });

  it('generates HTTP traffic on both processes, with 503s while api #1 has lost its database', async () => {
    const user = await register(api1, 'slo');
    const auth = `Bearer ${user.token}`;
    for (let i = 0; i < 30; i++) await api1.http.get('/api/me').set('Authorization', auth).expect(200);
    for (let i = 0; i < 20; i++) await api2.http.get('/api/me').set('Authorization', auth).expect(200);

    await pgProxy.cut();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await api1.http.get('/api/me').set('Authorization', auth)).status);
    await pgProxy.restore();
    // An outage of the database is named (503 SERVICE_UNAVAILABLE), and still counts against availability.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(6);

    // The pool reconnects; the process serves again.
    await expect
      .poll(async () => (await api1.http.get('/api/me').set('Authorization', auth)).status, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(200);
  });

  it('streams audio over the socket so chunk acks, live latency and the pipeline produce observations', async () => {
    const user = await register(api1, 'speaker');
    const sessionId = await createSession(api1, user);
    const socket = await userSocket(api1, user);
    try {
      expect(await call<JoinAck>(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
      const acks = await stream(socket, sessionId, chunks(loadFixture(), 250), { stopAfter: 120 });
      expect(acks.every((a) => a.ok)).toBe(true);
      expect(await call<EndAck>(socket, 'session:end', { sessionId })).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
    expect(await histogramCount(api1, SLO_METRICS.chunkAck)).toBeGreaterThanOrEqual(120);
    expect(await histogramCount(api1, SLO_METRICS.segmentAddedLatency)).toBeGreaterThan(0);
    // Once the pipeline records finalize → reveal, wait for this session's reveal to be observed.
    revealRegistered = (await histogramCount(api1, SLO_METRICS.finalizeToReveal)) !== undefined;
    if (revealRegistered) {
      await expect
        .poll(() => histogramCount(api1, SLO_METRICS.finalizeToReveal), { timeout: 45_000, interval: 500 })
        .toBeGreaterThan(0);
    }
  });

  it('opens a breaker on a failing dependency; /api/admin/breakers shows it with its stats', async () => {
    const breakers = api1.app.get(CircuitBreakers);
    breakers.configure('slo-e2e-dependency', { retries: 0, volumeThreshold: 4, resetTimeoutMs: 60_000 });
    for (let i = 0; i < 6; i++)
      await breakers
        .run('slo-e2e-dependency', () => Promise.reject(new Error('down')))
        .catch(() => undefined);

    // api #2 answers from the snapshot api #1 publishes to Redis.
    await api1.app.get(SloSampler).publish();
    const after = await api2.http.get('/api/admin/breakers').set('Authorization', admin).expect(200);
    const view = (after.body as BreakerView[]).find((b) => b.name === 'slo-e2e-dependency');
    expect(view).toMatchObject({ state: 'open', processes: [{ state: 'open' }] });
    expect(view!.stats.failures).toBeGreaterThanOrEqual(4);
    expect(view!.stats.rejects).toBeGreaterThanOrEqual(1);

    // Readiness reports the process degraded, not down: it still serves, with fallbacks.
    const ready = await api1.http.get('/health/ready').expect(200);
    expect(ready.body.details.breakers).toMatchObject({
      status: 'up',
      state: 'degraded',
      open: expect.arrayContaining(['slo-e2e-dependency']),
    });
    expect((await api2.http.get('/health/ready').expect(200)).body.details.breakers).toMatchObject({
      status: 'up',
    });
  });

  it('adds up both processes exactly and reports current, budget, burn and a series', async () => {
    const [one, two] = [await httpCounts(api1), await httpCounts(api2)];
    const t1 = at(2);
    await api2.app.get(SloSampler).publish(t1);
    expect(await api1.app.get(SloSampler).sample(t1)).toBeDefined();
    // A second sampler claiming the same step stores nothing twice.
    expect(await api2.app.get(SloSampler).sample(t1)).toBeUndefined();

    const res = await api1.http.get('/api/admin/slo?window=1h').set('Authorization', admin).expect(200);
    const slos = res.body as SloReport[];
    expect(slos.map((s) => s.id)).toEqual([
      'api-availability',
      'live-segment-latency',
      'pipeline-reveal-latency',
      'audio-chunk-ack',
    ]);

    const availability = slos[0];
    expect(availability.events).toEqual({ total: one.total + two.total, bad: one.errors + two.errors });
    expect(availability).toMatchObject({ target: 99.9, unit: '%', state: 'breach', errorBudgetRemaining: 0 });
    const badShare = (one.errors + two.errors) / (one.total + two.total);
    expect(availability.current).toBeCloseTo(100 * (1 - badShare), 3);
    expect(availability.burnRate).toBeCloseTo(badShare / 0.001, 2);
    expect(availability.series.length).toBeGreaterThanOrEqual(61);
    expect(availability.series.filter((p) => p.value !== null).length).toBeGreaterThanOrEqual(1);
    expect(availability.series.every((p, i, all) => i === 0 || p.t - all[i - 1].t === 60_000)).toBe(true);

    const ack = slos.find((s) => s.id === 'audio-chunk-ack')!;
    expect(ack).toMatchObject({ target: 100, unit: 'ms' });
    expect(ack.events.total).toBeGreaterThanOrEqual(120);
    expect(ack.current).not.toBeNull();
    expect(['ok', 'warning', 'breach']).toContain(ack.state);

    const live = slos.find((s) => s.id === 'live-segment-latency')!;
    expect(live).toMatchObject({ target: 400, unit: 'ms' });
    expect(live.events.total).toBeGreaterThan(0);
    expect(live.state).not.toBe('no_data');

    const reveal = slos.find((s) => s.id === 'pipeline-reveal-latency')!;
    expect(reveal).toMatchObject({ target: 120, unit: 's' });
    if (revealRegistered) expect(reveal.events.total).toBeGreaterThan(0);
    else expect(reveal.state).toBe('no_data');
  });

  it('recovers: only good traffic in a later step lowers the burn over the window and shows in the series', async () => {
    const before = (
      (await api1.http.get('/api/admin/slo?window=24h').set('Authorization', admin).expect(200))
        .body as SloReport[]
    )[0];
    for (let i = 0; i < 200; i++) await api2.http.get('/health/live'); // probes are not traffic
    const user = await register(api2, 'later');
    for (let i = 0; i < 150; i++)
      await api2.http.get('/api/me').set('Authorization', `Bearer ${user.token}`).expect(200);
    const t2 = at(3);
    await api1.app.get(SloSampler).publish(t2);
    expect(await api2.app.get(SloSampler).sample(t2)).toBeDefined();

    const after = (
      (await api1.http.get('/api/admin/slo?window=24h').set('Authorization', admin).expect(200))
        .body as SloReport[]
    )[0];
    expect(after.events.bad).toBe(before.events.bad);
    expect(after.events.total).toBeGreaterThan(before.events.total + 150);
    expect(after.burnRate).toBeLessThan(before.burnRate);
    expect(after.series.length).toBeGreaterThanOrEqual(144);
    expect(after.series.filter((p) => p.value !== null).length).toBeGreaterThanOrEqual(1);

    // Hourly roll-ups hold the same counts (the timers may have folded in the admin requests since).
    const week = (
      (await api1.http.get('/api/admin/slo?window=7d').set('Authorization', admin).expect(200))
        .body as SloReport[]
    )[0];
    expect(week.events.bad).toBe(after.events.bad);
    expect(week.events.total).toBeGreaterThanOrEqual(after.events.total);
    expect(week.series.length).toBeGreaterThanOrEqual(168);
  });

  it('serves the dashboard series: HTTP latency quantiles, availability, queue depth and breakers', async () => {
    const res = await api1.http
      .get('/api/admin/metrics/series?window=1h')
      .set('Authorization', admin)
      .expect(200);
    const series = res.body as MetricsSeries;
    const withData = series.latency.filter((p) => p.p95 !== null);
    expect(withData.length).toBeGreaterThanOrEqual(1);
    for (const p of withData) {
      expect(p.p50!).toBeLessThanOrEqual(p.p95!);
      expect(p.p95!).toBeLessThanOrEqual(p.p99!);
    }
    expect(series.availability.some((p) => p.value !== null && p.value < 100)).toBe(true);
    expect(series.queueDepth.map((q) => q.queue)).toEqual(
      expect.arrayContaining(['pipeline', 'maintenance']),
    );
    expect(series.breakers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'slo-e2e-dependency', state: 'open' })]),
    );
  });

  it('refuses a window it does not know, and non-admins', async () => {
    await api1.http.get('/api/admin/slo?window=2h').set('Authorization', admin).expect(400);
    const user = await register(api1, 'nobody');
    await api1.http.get('/api/admin/slo').set('Authorization', `Bearer ${user.token}`).expect(403);
    await api1.http.get('/api/admin/breakers').expect(401);
  });
});
