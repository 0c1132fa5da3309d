import { Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '#src/observability/metrics.service.js';
import { Bulkhead } from './bulkhead.js';
import {
  BreakerOpenError,
  BulkheadFullError,
  CallTimeoutError,
  NonRetriableError,
} from './resilience.errors.js';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './retry.js';

export interface BreakerPolicy {
  timeoutMs: number;
  retries: number;
  backoff: BackoffOptions;
  /** Failure percentage over the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Calls in the rolling window before the percentage counts. */
  volumeThreshold: number;
  rollingWindowMs: number;
  /** Open → half-open after this long; one trial call decides. */
  resetTimeoutMs: number;
  maxConcurrent: number;
  maxQueue: number;
}

export const DEFAULT_BREAKER_POLICY: Readonly<BreakerPolicy> = {
  timeoutMs: 30_000,
  retries: 2,
  backoff: DEFAULT_BACKOFF,
  errorThresholdPercentage: 50,
  volumeThreshold: 4,
  rollingWindowMs: 10_000,
  resetTimeoutMs: 5_000,
  maxConcurrent: 64,
  maxQueue: 1_000,
};

export interface RunOptions {
  timeoutMs?: number;
  retries?: number;
  signal?: AbortSignal;
  /** A server-given wait (Retry-After) for this error, used as the backoff floor. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Whether this error may be retried at all (e.g. not once a stream handed text on); retried when omitted. */
  retryable?: (error: unknown) => boolean;
}

export type BreakerStateName = 'closed' | 'open' | 'half-open';

export interface BreakerState {
  name: string;
  state: BreakerStateName;
  failures: number;
  successes: number;
  timeouts: number;
  rejects: number;
  inFlight: number;
  queued: number;
}

type Action = (signal: AbortSignal) => Promise<unknown>;

interface Entry {
  policy: BreakerPolicy;
  breaker: CircuitBreaker<[Action, AbortSignal | undefined, number, string], unknown>;
  bulkhead: Bulkhead;
}

const STATE_VALUE: Record<BreakerStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Named opossum breakers, each with a timeout that aborts the call, retries with exponential
 * backoff and full jitter, and a bulkhead. Every external call (ASR, LLM, webhooks) goes through
 * `run(name, fn)`; a breaker exists from its `configure` (or, undeclared, from its first use).
 */
@Injectable()
export class CircuitBreakers implements OnModuleDestroy {
  private readonly logger = new Logger(CircuitBreakers.name);
  private readonly entries = new Map<string, Entry>();
  private readonly policies = new Map<string, Partial<BreakerPolicy>>();
  private readonly calls?: Counter<'breaker' | 'outcome'>;

  constructor(@Optional() metrics?: MetricsService) {
    if (!metrics) return;
    this.calls = new Counter({
      name: 'mina_circuit_breaker_calls_total',
      help: 'Calls through a circuit breaker by outcome (success, failure, timeout, rejected, retry)',
      labelNames: ['breaker', 'outcome'],
      registers: [metrics.registry],
    });
    const entries = this.entries;
    new Gauge({
      name: 'mina_circuit_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open',
      labelNames: ['breaker'],
      registers: [metrics.registry],
      collect() {
        for (const [name, e] of entries) this.set({ breaker: name }, STATE_VALUE[stateOf(e.breaker)]);
      },
    });
  }

  /**
   * Declares a breaker with its policy, closed; call it before the first `run`. Declared at boot,
   * every breaker is listed (health, /api/admin/breakers) before its dependency is first called.
   */
  configure(name: string, policy: Partial<BreakerPolicy>): void {
    this.policies.set(name, { ...this.policies.get(name), ...policy });
    const existing = this.entries.get(name);
    if (existing) {
      existing.breaker.shutdown();
      this.entries.delete(name);
    }
    this.entry(name);
  }

  /** Declares a breaker the first time its name is seen (breakers made at run time, e.g. one per webhook endpoint); later calls keep its state. */
  ensure(name: string, policy: Partial<BreakerPolicy>): void {
    if (!this.policies.has(name)) this.configure(name, policy);
  }

  async run<T>(name: string, fn: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const entry = this.entry(name);
    const timeoutMs = options.timeoutMs ?? entry.policy.timeoutMs;
    const retries = options.retries ?? entry.policy.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = (await entry.bulkhead.run(
          () => entry.breaker.fire(fn, options.signal, timeoutMs, name),
          options.signal,
        )) as T;
        this.calls?.inc({ breaker: name, outcome: 'success' });
        return result;
      } catch (error) {
        if (isOpenError(error)) {
          this.calls?.inc({ breaker: name, outcome: 'rejected' });
          throw new BreakerOpenError(name);
        }
        this.calls?.inc({
          breaker: name,
          outcome: error instanceof CallTimeoutError ? 'timeout' : 'failure',
        });
        const final =
          attempt >= retries ||
          error instanceof NonRetriableError ||
          error instanceof BulkheadFullError ||
          options.signal?.aborted === true ||
          options.retryable?.(error) === false;
        if (final) throw error;
        this.calls?.inc({ breaker: name, outcome: 'retry' });
        await sleep(
          backoffDelay(attempt, entry.policy.backoff, options.retryAfterMs?.(error)),
          options.signal,
        );
      }
    }
  }

  state(name: string): BreakerState {
    const e = this.entry(name);
    const s = e.breaker.stats;
    return {
      name,
      state: stateOf(e.breaker),
      failures: s.failures,
      successes: s.successes,
      timeouts: s.timeouts,
      rejects: s.rejects,
      inFlight: e.bulkhead.inUse,
      queued: e.bulkhead.queued,
    };
  }

  states(): BreakerState[] {
    return [...this.entries.keys()].map((name) => this.state(name));
  }

  isOpen(name: string): boolean {
    return this.entries.get(name)?.breaker.opened ?? false;
  }

  onModuleDestroy(): void {
    for (const e of this.entries.values()) e.breaker.shutdown();
    this.entries.clear();
  }

  private entry(name: string): Entry {
    const existing = this.entries.get(name);
    if (existing) return existing;
    const policy = { ...DEFAULT_BREAKER_POLICY, ...this.policies.get(name) };
    const breaker = new CircuitBreaker(invoke, {
      name,
      timeout: false,
      errorThresholdPercentage: policy.errorThresholdPercentage,
      volumeThreshold: policy.volumeThreshold,
      rollingCountTimeout: policy.rollingWindowMs,
      resetTimeout: policy.resetTimeoutMs,
      // Our own refusals and caller aborts say nothing about the dependency's health.
      errorFilter: (err: unknown) => err instanceof NonRetriableError || isAbort(err),
    });
    breaker.on('open', () => this.logger.warn(`circuit "${name}" opened`));
    breaker.on('halfOpen', () => this.logger.log(`circuit "${name}" half-open`));
    breaker.on('close', () => this.logger.log(`circuit "${name}" closed`));
    const entry = { policy, breaker, bulkhead: new Bulkhead(name, policy.maxConcurrent, policy.maxQueue) };
    this.entries.set(name, entry);
    return entry;
  }
}

/** The breaker's action: runs `fn` with a signal that aborts on timeout or when the caller aborts. */
async function invoke(
  fn: Action,
  outer: AbortSignal | undefined,
  timeoutMs: number,
  name: string,
): Promise<unknown> {
  // A caller that gave up while the call was queued: its listener would never fire.
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer!.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new CallTimeoutError(name, timeoutMs);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

function stateOf(b: { opened: boolean; halfOpen: boolean }): BreakerStateName {
  if (b.opened) return 'open';
  if (b.halfOpen) return 'half-open';
  return 'closed';
}

const isOpenError = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'EOPENBREAKER';
const isAbort = (e: unknown): boolean => (e as { name?: string } | null)?.name === 'AbortError';
