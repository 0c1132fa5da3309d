export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 200, maxMs: 5_000 };

/**
 * Exponential backoff with "full jitter" (AWS architecture blog): a uniform delay in
 * [0, min(max, base·2^attempt)], which spreads retries of many clients better than a fixed ladder.
 * A server's Retry-After, when known, is a floor.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  const jittered = Math.round(random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, Math.min(retryAfterMs, options.maxMs)) : jittered;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
