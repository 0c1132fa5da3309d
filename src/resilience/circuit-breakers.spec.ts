import { afterEach, describe, expect, it } from 'vitest';
import { Bulkhead } from './bulkhead.js';
import { CircuitBreakers } from './circuit-breakers.service.js';
import {
  BreakerOpenError,
  BulkheadFullError,
  CallTimeoutError,
  NonRetriableError,
} from './resilience.errors.js';

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
      {
        name: 'llm',
        state: 'closed',
        failures: 0,
        successes: 0,
        timeouts: 0,
        rejects: 0,
        inFlight: 0,
        queued: 0,
      },
      {
        name: 'asr',
        state: 'closed',
        failures: 0,
        successes: 0,
        timeouts: 0,
        rejects: 0,
        inFlight: 0,
        queued: 0,
      },
    ]);
  });

  it('retries a failing call and returns the first success', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, volumeThreshold: 100 });
    let calls = 0;
    const result = await breakers.run(
      't',
      () => (++calls < 3 ? Promise.reject(new Error('boom')) : Promise.resolve('ok')),
      { retries: 3 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry a NonRetriableError, nor count it against the breaker', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', fast);
    let calls = 0;
    for (let i = 0; i < 5; i++) {
      await expect(
        breakers.run('t', () => (calls++, Promise.reject(new NonRetriableError('400'))), { retries: 3 }),
      ).rejects.toBeInstanceOf(NonRetriableError);
    }
    expect(calls).toBe(5);
    expect(breakers.state('t').state).toBe('closed');
  });

  it('does not retry an error `retryable` turns down, and still counts it against the breaker', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, volumeThreshold: 100 });
    let calls = 0;
    const failing = () => (calls++, Promise.reject(new Error('mid-stream')));
    await expect(breakers.run('t', failing, { retries: 3, retryable: () => false })).rejects.toThrow(
      'mid-stream',
    );
    expect(calls).toBe(1);
    expect(breakers.state('t').failures).toBe(1);
    let timedOut = 0;
    const never = () => (timedOut++, new Promise<never>(() => undefined));
    await expect(
      breakers.run('t', never, {
        timeoutMs: 10,
        retries: 3,
        retryable: (e) => !(e instanceof CallTimeoutError),
      }),
    ).rejects.toBeInstanceOf(CallTimeoutError);
    expect(timedOut).toBe(1);
  });

  it('never starts a call whose caller aborted before its turn', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, maxConcurrent: 1, maxQueue: 5 });
    const reason = new Error('caller gone');
    let called = false;
    const aborted = AbortSignal.abort(reason);
    await expect(
      breakers.run('t', () => ((called = true), Promise.resolve(1)), { signal: aborted }),
    ).rejects.toBe(reason);
    expect(called).toBe(false);

    let release!: () => void;
    const holding = breakers.run('t', () => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    let queuedRan = false;
    const queued = breakers.run('t', () => ((queuedRan = true), Promise.resolve(2)), {
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(breakers.state('t')).toMatchObject({ inFlight: 1, queued: 1 });
    controller.abort(reason);
    await expect(queued).rejects.toBe(reason);
    expect(breakers.state('t').queued).toBe(0);
    release();
    await holding;
    expect(queuedRan).toBe(false);
    expect(breakers.state('t').inFlight).toBe(0);
  });

  it('times out and aborts the call', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', { ...fast, volumeThreshold: 100 });
    let aborted = false;
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => signal.addEventListener('abort', () => (aborted = true)));
    await expect(breakers.run('t', never, { timeoutMs: 20, retries: 0 })).rejects.toBeInstanceOf(
      CallTimeoutError,
    );
    expect(aborted).toBe(true);
  });

  it('opens after failures, refuses without calling, and closes after a successful trial', async () => {
    breakers = new CircuitBreakers();
    breakers.configure('t', fast);
    for (let i = 0; i < 3; i++)
      await breakers.run('t', () => Promise.reject(new Error('500')), { retries: 0 }).catch(() => undefined);
    expect(breakers.state('t').state).toBe('open');
    let called = false;
    await expect(breakers.run('t', () => ((called = true), Promise.resolve(1)))).rejects.toBeInstanceOf(
      BreakerOpenError,
    );
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

  it('lets a waiter whose signal aborts leave the queue; the slot goes to the next one', async () => {
    const b = new Bulkhead('b', 1, 2);
    let release!: () => void;
    const holding = b.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const ran: string[] = [];
    const leaving = b.run(() => (ran.push('leaving'), Promise.resolve()), controller.signal);
    const staying = b.run(() => (ran.push('staying'), Promise.resolve()));
    expect(b.queued).toBe(2);
    controller.abort(new Error('gone'));
    await expect(leaving).rejects.toThrow('gone');
    expect(b.queued).toBe(1);
    await expect(b.run(() => Promise.resolve(), AbortSignal.abort(new Error('already')))).rejects.toThrow(
      'already',
    );
    release();
    await Promise.all([holding, staying]);
    expect(ran).toEqual(['staying']);
    expect(b.inUse).toBe(0);
  });
});
