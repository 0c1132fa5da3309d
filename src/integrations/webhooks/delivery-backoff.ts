import { backoffDelay } from '#src/resilience/retry.js';

export interface DeliveryRetry {
  attempts: number;
  baseMs: number;
}

/** Retries wait at most this long, whatever the attempt. */
export const MAX_DELIVERY_DELAY_MS = 6 * 3_600_000;

/**
 * Delay before attempt `next` (2, 3, …), or undefined when the attempts are used up. Exponential
 * with full jitter (the app's one backoff), floored at half the step so retries of one endpoint
 * never collapse to zero, and at `floorMs` (e.g. while its breaker is open).
 */
export function nextDeliveryDelay(next: number, retry: DeliveryRetry, floorMs = 0, random: () => number = Math.random): number | undefined {
  if (next > retry.attempts) return undefined;
  const step = Math.min(MAX_DELIVERY_DELAY_MS, retry.baseMs * 2 ** (next - 2));
  const jittered = Math.floor(step / 2) + backoffDelay(0, { baseMs: Math.ceil(step / 2), maxMs: MAX_DELIVERY_DELAY_MS }, undefined, random);
  return Math.min(MAX_DELIVERY_DELAY_MS, Math.max(jittered, floorMs));
}
