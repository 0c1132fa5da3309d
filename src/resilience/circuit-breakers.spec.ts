import { afterEach, describe, expect, it } from 'vitest';
import { Bulkhead } from './bulkhead.js';
import { CircuitBreakers } from './circuit-breakers.service.js';
import { BreakerOpenError, BulkheadFullError, CallTimeoutError, NonRetriableError } from './resilience.errors.js';

const fast = { backoff: { baseMs: 1, maxMs: 2 }, volumeThreshold: 2, resetTimeoutMs: 50 };

describe('CircuitBreakers', () => {
  let breakers: CircuitBreakers;
  afterEach(() => breakers.onModuleDestroy());

  it('lists a declared breaker, closed, before its first call', () => {
    breakers = new CircuitBreakers();
    breakers.configure('asr', fast);
    breakers.configure('llm', fast);
    breakers.configure('asr', { retries: 0 });
    expect(breakers.states()).toEqual([
      { name: 'llm', state: 'closed', failures: 0, successes: 0, timeouts: 0, rejects: 0, inFlight: 0, queued: 0 },
      { name: 'asr', state: 'closed', failures: 0, successes: 0, timeouts: 0, rejects: 0, inFlight: 0, queued: 0 },
    ]);
  });

  it('retries a failing call and returns the first success', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, volumeThreshold: 100 });
    let calls = 0;
    const result = await breakers.run('t', () => (++calls < 3 ? Promise.reject(new Error('boom')) : Promise.resolve('ok')), { retries: 3 });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry a NonRetriableError, nor count it against the breaker', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', fast);
    let calls = 0;
    for (let i = 0; i < 5; i++) {
      await expect(breakers.run('t', () => (calls++, Promise.reject(new NonRetriableError('400'))), { retries: 3 })).rejects.toBeInstanceOf(NonRetriableError);
    }
    expect(calls).toBe(5);
    expect(breakers.state('t').state).toBe('closed');
  });

  it('times out and aborts the call', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, volumeThreshold: 100 });
    let aborted = false;
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => signal.addEventListener('abort', () => (aborted = true)));
    await expect(breakers.run('t', never, { timeoutMs: 20, retries: 0 })).rejects.toBeInstanceOf(CallTimeoutError);
    expect(aborted).toBe(true);
  });

  it('opens after failures, refuses without calling, and closes after a successful trial', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', fast);
    for (let i = 0; i < 3; i++) await breakers.run('t', () => Promise.reject(new Error('500')), { retries: 0 }).catch(() => undefined);
    expect(breakers.state('t').state).toBe('open');
    let called = false;
    await expect(breakers.run('t', () => ((called = true), Promise.resolve(1)))).rejects.toBeInstanceOf(BreakerOpenError);
    expect(called).toBe(false);
    await new Promise((r) => setTimeout(r, 70));
    expect(breakers.state('t').state).toBe('half-open');
    await expect(breakers.run('t', () => Promise.resolve(2))).resolves.toBe(2);
    expect(breakers.state('t').state).toBe('closed');
  });
});

describe('Bulkhead', () => {
  it('runs at most `limit` at once, queues up to `queue`, refuses the rest', async () => {
    const b = new Bulkhead('b', 2, 1);
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const task = () =>
      b.run(async () => {
        peak = Math.max(peak, ++running);
        await new Promise<void>((r) => release.push(r));
        running--;
      });
    const tasks = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(BulkheadFullError);
    while (release.length || b.inUse) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });
});
