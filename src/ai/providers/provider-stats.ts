import type { AiProviderView } from '@mina/contract/ai-providers';

/** How many recent calls the error rate and the latency percentiles are taken over. */
export const RECENT_CALLS = 200;

/** The stats part of the admin view (GET /api/admin/ai/providers). */
export type ProviderStatsSnapshot = Pick<
  AiProviderView,
  | 'requests'
  | 'failures'
  | 'errorRate'
  | 'latencyP50Ms'
  | 'latencyP95Ms'
  | 'lastError'
  | 'lastErrorAt'
  | 'promptTokens'
  | 'completionTokens'
>;

/** Nearest-rank percentile of sorted values (null when there are none). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** One provider's live numbers in this process: totals since start, rates and latency over the recent calls. */
export class ProviderStats {
  private requests = 0;
  private failures = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private lastError: string | null = null;
  private lastErrorAt: Date | null = null;
  /** Ring of the recent calls: latency of a success, null for a failure. */
  private readonly recent: (number | null)[] = [];
  private next = 0;

  succeeded(latencyMs: number): void {
    this.requests++;
    this.push(Math.max(0, Math.round(latencyMs)));
  }

  failed(message: string, at = new Date()): void {
    this.requests++;
    this.failures++;
    this.lastError = message;
    this.lastErrorAt = at;
    this.push(null);
  }

  tokens(prompt: number, completion: number): void {
    this.promptTokens += prompt;
    this.completionTokens += completion;
  }

  snapshot(): ProviderStatsSnapshot {
    const latencies = this.recent.filter((v): v is number => v !== null).sort((a, b) => a - b);
    const recentFailures = this.recent.length - latencies.length;
    return {
      requests: this.requests,
      failures: this.failures,
      errorRate: this.recent.length === 0 ? 0 : recentFailures / this.recent.length,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt?.toISOString() ?? null,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
    };
  }

  private push(value: number | null): void {
    if (this.recent.length < RECENT_CALLS) this.recent.push(value);
    else this.recent[this.next] = value;
    this.next = (this.next + 1) % RECENT_CALLS;
  }
}
