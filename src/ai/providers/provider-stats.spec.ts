import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { describeProviderError } from './ai-providers.service.js';
import { percentile, ProviderStats, RECENT_CALLS } from './provider-stats.js';

describe('ProviderStats', () => {
  it.each<[number[], number, number | null]>([
    [[], 50, null],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('percentile of %j at p%i is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('counts requests and failures, keeps the last error, and rates only the recent calls', () => {
    const stats = new ProviderStats();
    expect(stats.snapshot()).toMatchObject({
      requests: 0,
      failures: 0,
      errorRate: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
      lastError: null,
    });
    stats.failed('503 Service Unavailable', new Date('2026-12-01T10:00:00Z'));
    for (let i = 1; i <= 3; i++) stats.succeeded(i * 100);
    stats.tokens(120, 30);
    stats.tokens(80, 20);
    expect(stats.snapshot()).toEqual({
      requests: 4,
      failures: 1,
      errorRate: 0.25,
      latencyP50Ms: 200,
      latencyP95Ms: 300,
      lastError: '503 Service Unavailable',
      lastErrorAt: '2026-12-01T10:00:00.000Z',
      promptTokens: 200,
      completionTokens: 50,
    });
    for (let i = 0; i < RECENT_CALLS; i++) stats.succeeded(50);
    expect(stats.snapshot()).toMatchObject({
      requests: 4 + RECENT_CALLS,
      failures: 1,
      errorRate: 0,
      latencyP50Ms: 50,
      latencyP95Ms: 50,
    });
  });

  it('masks keys in the errors it shows', () => {
    const text = describeProviderError(
      new Error('Incorrect API key provided: sk-proj-abcdef123456 for my-secret-value'),
      ['my-secret-value'],
    );
    expect(text).toBe('Incorrect API key provided: [redacted] for [redacted]');
    expect(describeProviderError(new Error('x'.repeat(1000))).length).toBe(300);
    expect(
      describeProviderError(
        new APIError(503, { message: 'The engine is overloaded' }, undefined, new Headers()),
      ),
    ).toBe('503 The engine is overloaded');
    expect(describeProviderError(new APIError(400, undefined, 'refused', new Headers()))).toBe('400 refused');
  });
});
