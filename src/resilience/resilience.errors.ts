/** The breaker is open: the call was not attempted. Callers keep their work and try again later. */
export class BreakerOpenError extends Error {
  constructor(readonly breaker: string) {
    super(`Circuit breaker "${breaker}" is open`);
    this.name = 'BreakerOpenError';
  }
}

/** The bulkhead's slots and queue are full: the call was not attempted. */
export class BulkheadFullError extends Error {
  constructor(readonly breaker: string) {
    super(`Too many concurrent calls through "${breaker}"`);
    this.name = 'BulkheadFullError';
  }
}

export class CallTimeoutError extends Error {
  constructor(
    readonly breaker: string,
    readonly timeoutMs: number,
  ) {
    super(`Call through "${breaker}" timed out after ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** Thrown by an action to say "don't retry and don't count this against the breaker" (e.g. a 400). */
export class NonRetriableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'NonRetriableError';
  }
}
