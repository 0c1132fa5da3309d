import { Gauge, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { readQueueDepth, readSliHistograms } from './registry-reader.js';

describe('readSliHistograms', () => {
  it('sums HTTP label sets, skips probes, counts 5xx and ignores histograms nobody registered', async () => {
    const registry = new Registry();
    const http = new Histogram({
      name: 'mina_http_request_duration_seconds',
      help: 'h',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.1, 1],
      registers: [registry],
    });
    const ack = new Histogram({
      name: 'mina_audio_chunk_ack_seconds',
      help: 'h',
      buckets: [0.01, 0.1],
      registers: [registry],
    });
    http.observe({ method: 'GET', route: '/api/me', status_code: '200' }, 0.05);
    http.observe({ method: 'GET', route: '/api/me', status_code: '500' }, 0.5);
    http.observe({ method: 'POST', route: '/api/x', status_code: '503' }, 2);
    http.observe({ method: 'GET', route: '/health/ready', status_code: '503' }, 0.01);
    ack.observe(0.005);
    ack.observe(0.2);

    const { h, errors } = await readSliHistograms(registry);
    expect(h.http).toEqual({ le: [0.1, 1], n: [1, 2, 3] });
    expect(errors).toBe(2);
    expect(h.chunkAck).toEqual({ le: [0.01, 0.1], n: [1, 1, 2] });
    expect(h.finalizeToReveal).toBeUndefined();
  });
});

describe('readQueueDepth', () => {
  it('adds the backlog states per queue and leaves failed jobs out', async () => {
    const registry = new Registry();
    const g = new Gauge({
      name: 'mina_queue_jobs',
      help: 'q',
      labelNames: ['queue', 'state'],
      registers: [registry],
    });
    g.set({ queue: 'pipeline', state: 'waiting' }, 3);
    g.set({ queue: 'pipeline', state: 'active' }, 2);
    g.set({ queue: 'pipeline', state: 'failed' }, 7);
    g.set({ queue: 'maintenance', state: 'delayed' }, 1);
    expect(await readQueueDepth(registry)).toEqual({ pipeline: 5, maintenance: 1 });
  });
});
